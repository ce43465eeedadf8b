package io.authtoken.config;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Translation of the trusted proxy list into Tomcat's remote IP settings.
 */
class TrustedProxiesEnvironmentPostProcessorTests {

	@Test
	void toRegexMatchesExactlyTheListedAddresses() {
		Pattern pattern = Pattern.compile(TrustedProxiesEnvironmentPostProcessor.toRegex(List.of("10.0.0.5", " ::1 ")));

		assertThat(pattern.matcher("10.0.0.5").matches()).isTrue();
		assertThat(pattern.matcher("0:0:0:0:0:0:0:1").matches()).isTrue();
		assertThat(pattern.matcher("10.0.0.50").matches()).isFalse();
		assertThat(pattern.matcher("10a0a0a5").matches()).isFalse();
	}

	@Test
	void postProcessWhenNoProxiesThenForwardHeadersOffUnlessSet() {
		MockEnvironment unset = new MockEnvironment();
		MockEnvironment explicit = new MockEnvironment().withProperty("server.forward-headers-strategy", "native");
		MockEnvironment listed = new MockEnvironment().withProperty("authtoken.trusted-proxies", "10.0.0.5, 10.0.0.6");

		new TrustedProxiesEnvironmentPostProcessor().postProcessEnvironment(unset, new SpringApplication());
		new TrustedProxiesEnvironmentPostProcessor().postProcessEnvironment(explicit, new SpringApplication());
		new TrustedProxiesEnvironmentPostProcessor().postProcessEnvironment(listed, new SpringApplication());

		assertThat(unset.getProperty("server.forward-headers-strategy")).isEqualTo("none");
		assertThat(explicit.getProperty("server.forward-headers-strategy")).isEqualTo("native");
		assertThat(listed.getProperty("server.forward-headers-strategy")).isEqualTo("native");
		assertThat(listed.getProperty("server.tomcat.remoteip.internal-proxies")).contains("10.0.0.6");
	}

	@Test
	void toRegexWhenEntryIsNotAnAddressThenNamesTheProperty() {
		for (String entry : new String[] { "proxy.example", "cafe", "10.0.0.0/8", "999.1.1.1", "" }) {
			assertThatExceptionOfType(InvalidConfigurationException.class).as(entry)
				.isThrownBy(() -> TrustedProxiesEnvironmentPostProcessor.toRegex(List.of(entry)))
				.withMessageContaining("authtoken.trusted-proxies");
		}
	}

}
