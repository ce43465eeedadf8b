package io.authtoken.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under the {@code authtoken.logging} prefix. They are read before the
 * application context starts, by {@link JsonLoggingEnvironmentPostProcessor}, because the
 * log format must be chosen before the first line is written.
 *
 * @param json whether to write one JSON object per line in the Elastic Common Schema
 * instead of plain text lines
 */
@ConfigurationProperties("authtoken.logging")
public record LoggingProperties(boolean json) {

}
