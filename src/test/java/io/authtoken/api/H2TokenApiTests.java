package io.authtoken.api;

import java.io.IOException;
import java.nio.file.Files;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The token API on the embedded H2 file database, the default.
 */
class H2TokenApiTests extends AbstractTokenApiTests {

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) throws IOException {
		String dataDir = Files.createTempDirectory("authtoken-h2-").toString();
		registry.add("authtoken.data-dir", () -> dataDir);
	}

}
