package io.authtoken.api;

import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;

import io.authtoken.support.ApiClient;
import io.authtoken.support.ApiClient.Response;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code authtoken.cors.allowed-origins} unset, no origin may call the token
 * endpoints from a browser.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CorsDefaultTests {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) throws IOException {
		String dataDir = Files.createTempDirectory("authtoken-cors-default-").toString();
		registry.add("authtoken.data-dir", () -> dataDir);
	}

	@Test
	void issueWhenNoOriginsConfiguredThenRejected() {
		ApiClient api = new ApiClient(this.port);

		Response preflight = api.send(api.request("/token")
			.header("Origin", "https://app.example.com")
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "content-type")
			.method("OPTIONS", BodyPublishers.noBody()));
		Response actual = api.send(api.request("/token")
			.header("Origin", "https://app.example.com")
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"key\":\"k\",\"secret\":\"s\"}")));

		assertThat(preflight.status()).isEqualTo(403);
		assertThat(preflight.code()).isEqualTo("cors_request_rejected");
		assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
		assertThat(actual.status()).isEqualTo(403);
		assertThat(actual.code()).isEqualTo("cors_request_rejected");
	}

}
