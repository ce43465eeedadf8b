package io.authtoken.config;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Maps {@code authtoken.logging.json=true} onto Spring Boot's structured console logging
 * in the Elastic Common Schema. A console format set directly with
 * {@code logging.structured.format.console}, such as {@code logstash}, takes precedence.
 */
class JsonLoggingEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String STRUCTURED_FORMAT_PROPERTY = "logging.structured.format.console";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		LoggingProperties logging = Binder.get(environment)
			.bind("authtoken.logging", LoggingProperties.class)
			.orElse(new LoggingProperties(false));
		if (logging.json() && !environment.containsProperty(STRUCTURED_FORMAT_PROPERTY)) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("authtokenJsonLogging", Map.of(STRUCTURED_FORMAT_PROPERTY, "ecs")));
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
