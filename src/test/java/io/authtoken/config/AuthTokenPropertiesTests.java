package io.authtoken.config;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Binding of the {@code authtoken.cors} settings, as from the environment variable
 * {@code AUTHTOKEN_CORS_ALLOWEDORIGINS}.
 */
class AuthTokenPropertiesTests {

	@Test
	void corsWhenUnsetThenNoOrigins() {
		AuthTokenProperties properties = bind(new MockEnvironment());

		assertThat(properties.cors().allowedOrigins()).isEmpty();
	}

	@Test
	void corsWhenCommaSeparatedThenEachOrigin() {
		MockEnvironment environment = new MockEnvironment().withProperty("authtoken.cors.allowed-origins",
				"https://app.example.com, http://localhost:3000,https://[::1]:8443");

		AuthTokenProperties properties = bind(environment);

		assertThat(properties.cors().allowedOrigins()).containsExactly("https://app.example.com",
				"http://localhost:3000", "https://[::1]:8443");
	}

	@Test
	void corsWhenEntryNotOriginThenFails() {
		String[] invalid = { "*", "https://*.example.com", "app.example.com", "https://app.example.com/",
				"https://app.example.com/path", "ftp://app.example.com", "https://user@app.example.com",
				"https://app.example.com?x=1", "null" };

		for (String origin : invalid) {
			MockEnvironment environment = new MockEnvironment().withProperty("authtoken.cors.allowed-origins[0]",
					origin);

			assertThatExceptionOfType(BindException.class).as(origin)
				.isThrownBy(() -> bind(environment))
				.havingRootCause()
				.withMessageContaining("authtoken.cors.allowed-origins contains '" + origin + "'")
				.withMessageContaining("such as https://app.example.com");
		}
	}

	private static AuthTokenProperties bind(MockEnvironment environment) {
		return new Binder(ConfigurationPropertySources.get(environment)).bindOrCreate("authtoken",
				Bindable.of(AuthTokenProperties.class));
	}

}
