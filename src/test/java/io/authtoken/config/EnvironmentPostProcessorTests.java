package io.authtoken.config;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settings derived before the context starts: the JSON log format and the address of a
 * separate management port.
 */
class EnvironmentPostProcessorTests {

	private final SpringApplication application = new SpringApplication();

	@Test
	void jsonLoggingWhenEnabledThenEcsConsoleFormat() {
		MockEnvironment environment = new MockEnvironment().withProperty("authtoken.logging.json", "true");

		new JsonLoggingEnvironmentPostProcessor().postProcessEnvironment(environment, this.application);

		assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
	}

	@Test
	void jsonLoggingWhenFormatSetExplicitlyThenKept() {
		MockEnvironment environment = new MockEnvironment().withProperty("authtoken.logging.json", "true")
			.withProperty("logging.structured.format.console", "logstash");

		new JsonLoggingEnvironmentPostProcessor().postProcessEnvironment(environment, this.application);

		assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("logstash");
	}

	@Test
	void jsonLoggingWhenOffThenPlainText() {
		MockEnvironment unset = new MockEnvironment();
		MockEnvironment disabled = new MockEnvironment().withProperty("authtoken.logging.json", "false");

		new JsonLoggingEnvironmentPostProcessor().postProcessEnvironment(unset, this.application);
		new JsonLoggingEnvironmentPostProcessor().postProcessEnvironment(disabled, this.application);

		assertThat(unset.containsProperty("logging.structured.format.console")).isFalse();
		assertThat(disabled.containsProperty("logging.structured.format.console")).isFalse();
	}

	@Test
	void managementPortWhenSeparateThenServerAddress() {
		MockEnvironment environment = new MockEnvironment().withProperty("server.address", "127.0.0.1")
			.withProperty("server.port", "8080")
			.withProperty("management.server.port", "9090");

		new ManagementAddressEnvironmentPostProcessor().postProcessEnvironment(environment, this.application);

		assertThat(environment.getProperty("management.server.address")).isEqualTo("127.0.0.1");
	}

	@Test
	void managementAddressWhenSetOrSharedThenKept() {
		MockEnvironment explicit = new MockEnvironment().withProperty("server.address", "127.0.0.1")
			.withProperty("management.server.port", "9090")
			.withProperty("management.server.address", "10.0.0.5");
		MockEnvironment shared = new MockEnvironment().withProperty("server.address", "127.0.0.1");

		new ManagementAddressEnvironmentPostProcessor().postProcessEnvironment(explicit, this.application);
		new ManagementAddressEnvironmentPostProcessor().postProcessEnvironment(shared, this.application);

		assertThat(explicit.getProperty("management.server.address")).isEqualTo("10.0.0.5");
		assertThat(shared.containsProperty("management.server.address")).isFalse();
	}

}
