package io.authtoken.api;

import java.io.IOException;

import io.authtoken.support.TestDirectories;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The token API on the embedded H2 file database, the default.
 */
class H2TokenApiTests extends AbstractTokenApiTests {

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) throws IOException {
		String dataDir = TestDirectories.create("authtoken-h2-");
		registry.add("authtoken.data-dir", () -> dataDir);
	}

}
