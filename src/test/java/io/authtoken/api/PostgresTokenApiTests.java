package io.authtoken.api;

import java.io.IOException;

import io.authtoken.support.TestPostgres;

import io.authtoken.support.TestDirectories;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The token API on a real PostgreSQL, with the same settings that docker-compose.yml
 * uses: only the datasource URL, user and password change.
 */
class PostgresTokenApiTests extends AbstractTokenApiTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) throws IOException {
		String url = TestPostgres.createDatabase();
		String dataDir = TestDirectories.create("authtoken-pg-");
		registry.add("spring.datasource.url", () -> url);
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "");
		registry.add("authtoken.data-dir", () -> dataDir);
	}

}
