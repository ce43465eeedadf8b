package io.authtoken.api;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.authtoken.AuthTokenApplication;
import io.authtoken.support.ApiClient;
import io.authtoken.support.ApiClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator reads in the log: the lifecycle of an instance in plain text, and the
 * same events as one JSON object per line when JSON logging is on.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogOutputTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	Path dataDir;

	@Test
	void startAndStopThenLifecycleLogged(CapturedOutput output) {
		start("--authtoken.admin.token=").close();

		List<String> lines = output.getOut().lines().toList();
		assertLogged(lines, "INFO", "using Java");
		assertLogged(lines, "WARN", "No master key configured: generated one into " + this.dataDir);
		assertLogged(lines, "INFO", "Database migrations: applied ");
		assertLogged(lines, "INFO", "at this start, schema now at version ");
		assertLogged(lines, "INFO", "seconds (process running for");
		assertLogged(lines, "INFO", "Data directory: " + this.dataDir);
		assertLogged(lines, "INFO", "Database: H2");
		assertLogged(lines, "WARN", "The admin API is disabled: set AUTHTOKEN_ADMIN_TOKEN to enable it");
		assertLogged(lines, "INFO", "Shutting down: refusing new connections and finishing in-flight requests");
		assertLogged(lines, "INFO", "Graceful shutdown complete");
	}

	@Test
	void startWhenJsonLoggingThenJsonLines(CapturedOutput output) {
		String key;
		try (ConfigurableApplicationContext context = start("--authtoken.logging.json=true",
				"--authtoken.admin.token=" + ApiClient.ADMIN_TOKEN)) {
			ApiClient api = new ApiClient(((WebServerApplicationContext) context).getWebServer().getPort());
			Response created = api.send(api.request("/admin/credentials")
				.header("Authorization", "Bearer " + ApiClient.ADMIN_TOKEN)
				.header("Content-Type", "application/json")
				.header("X-Request-Id", "json-log-test-1")
				.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"json\"}")));
			key = created.text("key");
		}
		finally {
			// Spring Boot keeps the format in this system property, and a later start in
			// the same JVM that sets no format would inherit it.
			System.clearProperty("CONSOLE_LOG_STRUCTURED_FORMAT");
		}

		// Lines written before the logging system switched to JSON are plain text.
		List<String> lines = output.getOut().lines().dropWhile((line) -> !line.startsWith("{")).toList();
		List<JsonNode> events = new ArrayList<>();
		for (String line : lines.stream().filter((line) -> !line.isBlank()).toList()) {
			assertThat(line).startsWith("{").endsWith("}");
			events.add(json.readTree(line));
		}
		assertThat(events).anySatisfy((event) -> {
			assertThat(event.at("/message").asString()).startsWith("Started ").contains("seconds");
			assertThat(event.at("/log/level").asString()).isEqualTo("INFO");
			assertThat(event.at("/service/name").asString()).isEqualTo("authtoken-service");
		});
		assertThat(events).anySatisfy((event) -> {
			assertThat(event.at("/message").asString()).startsWith("Created credential " + key);
			assertThat(event.at("/requestId").asString()).isEqualTo("json-log-test-1");
		});
	}

	private static void assertLogged(List<String> lines, String level, String message) {
		assertThat(lines).as("a %s line with '%s'", level, message)
			.anySatisfy((line) -> assertThat(line).contains(" " + level + " ").contains(message));
	}

	private ConfigurableApplicationContext start(String... extraArguments) {
		// Spring Boot configures logging once while any application context of this JVM
		// is open, and other test classes keep theirs open, so start from a clean slate.
		LoggingSystem.get(getClass().getClassLoader()).cleanUp();
		List<String> arguments = new ArrayList<>(
				List.of("--server.port=0", "--authtoken.data-dir=" + this.dataDir, "--authtoken.master-key="));
		arguments.addAll(List.of(extraArguments));
		return new SpringApplicationBuilder(AuthTokenApplication.class).run(arguments.toArray(String[]::new));
	}

}
