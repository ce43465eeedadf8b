package io.authtoken.config;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Binds a separate management port to {@code server.address} unless
 * {@code management.server.address} is set. Spring Boot would otherwise bind it to every
 * interface, so {@code management.server.port} alone would expose the metrics on the
 * network of a service whose API listens on loopback only.
 */
class ManagementAddressEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String MANAGEMENT_ADDRESS = "management.server.address";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String managementPort = environment.getProperty("management.server.port");
		String serverAddress = environment.getProperty("server.address");
		boolean separatePort = managementPort != null && !managementPort.isBlank()
				&& !managementPort.equals(environment.getProperty("server.port", "8080"));
		if (separatePort && serverAddress != null && !environment.containsProperty(MANAGEMENT_ADDRESS)) {
			environment.getPropertySources()
				.addLast(
						new MapPropertySource("authtokenManagementAddress", Map.of(MANAGEMENT_ADDRESS, serverAddress)));
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
