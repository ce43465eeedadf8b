package io.authtoken.support;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.authtoken.AuthTokenApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole service instance on a random port, started with a test clock. Tests start
 * several against one database to prove that instances agree.
 */
public final class RunningService implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final ApiClient api;

	private RunningService(ConfigurableApplicationContext context) {
		this.context = context;
		this.api = new ApiClient(((WebServerApplicationContext) context).getWebServer().getPort());
	}

	/**
	 * Starts an instance with the admin token set.
	 * @param clock the clock every time rule reads
	 * @param properties {@code name=value} settings
	 */
	public static RunningService start(Clock clock, String... properties) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
				"--authtoken.admin.token=" + ApiClient.ADMIN_TOKEN));
		for (String property : properties) {
			arguments.add("--" + property);
		}
		ConfigurableApplicationContext context = new SpringApplicationBuilder(AuthTokenApplication.class)
			.initializers((applicationContext) -> applicationContext.getBeanFactory().registerSingleton("clock", clock))
			.run(arguments.toArray(String[]::new));
		return new RunningService(context);
	}

	public ApiClient api() {
		return this.api;
	}

	/**
	 * Returns a bean of the running instance, for tests that run a scheduled job by hand
	 * or read the database directly.
	 */
	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
