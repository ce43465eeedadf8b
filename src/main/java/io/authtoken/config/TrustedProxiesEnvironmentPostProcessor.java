package io.authtoken.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.authtoken.web.ClientAddress;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns {@code authtoken.trusted-proxies} into Spring Boot's forward-headers settings:
 * Tomcat's remote IP valve then takes the client address from {@code X-Forwarded-For},
 * but only on connections from one of the listed proxies. With the list empty, nothing
 * changes and the client address is the socket's peer, whatever headers a client sends.
 */
class TrustedProxiesEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY = "authtoken.trusted-proxies";

	private static final String STRATEGY = "server.forward-headers-strategy";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		List<String> proxies = Binder.get(environment)
			.bind(PROPERTY, Bindable.listOf(String.class))
			.orElse(List.of())
			.stream()
			.filter((proxy) -> !proxy.isBlank())
			.toList();
		if (proxies.isEmpty()) {
			if (!environment.containsProperty(STRATEGY)) {
				// Spring Boot turns forward headers on by itself on Kubernetes, and
				// Tomcat then
				// trusts X-Forwarded-For from any private address, so say "none"
				// explicitly.
				environment.getPropertySources()
					.addLast(new MapPropertySource("authtokenNoForwardHeaders", Map.of(STRATEGY, "none")));
			}
			return;
		}
		String addresses = toRegex(proxies);
		environment.getPropertySources()
			.addFirst(new MapPropertySource("authtokenTrustedProxies",
					Map.of(STRATEGY, "native", "server.tomcat.remoteip.internal-proxies", addresses,
							"server.tomcat.remoteip.trusted-proxies", addresses)));
	}

	/**
	 * Returns a regular expression that matches exactly the given addresses, in the form
	 * Tomcat reports them: IPv6 addresses are written out in full, such as
	 * {@code 0:0:0:0:0:0:0:1} for {@code ::1}.
	 * @throws InvalidConfigurationException for an entry that is not an IP address
	 */
	static String toRegex(List<String> proxies) {
		List<String> alternatives = new ArrayList<>();
		for (String proxy : proxies) {
			String literal = proxy.strip();
			String canonical = ClientAddress.canonical(literal).orElseThrow(() -> invalid(literal));
			alternatives.add(Pattern.quote(canonical));
		}
		return String.join("|", alternatives);
	}

	private static InvalidConfigurationException invalid(String entry) {
		return new InvalidConfigurationException(PROPERTY + " (AUTHTOKEN_TRUSTED_PROXIES)",
				"'" + entry + "' is not an IP address",
				"List the IP addresses of your reverse proxies, separated by commas, such as 10.0.0.5,10.0.0.6", null);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
