package io.authtoken.config;

import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Migrates the schema at startup, as Spring Boot does by default, and logs the outcome in
 * one line: how many migrations this start applied and the schema version now.
 */
@Configuration(proxyBeanMethods = false)
class MigrationConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(MigrationConfiguration.class);

	@Bean
	FlywayMigrationStrategy loggingMigrationStrategy() {
		return (flyway) -> {
			MigrateResult result = flyway.migrate();
			String version = (result.targetSchemaVersion != null) ? result.targetSchemaVersion
					: result.initialSchemaVersion;
			logger.info("Database migrations: applied {} at this start, schema now at version {}",
					result.migrationsExecuted, version);
		};
	}

}
