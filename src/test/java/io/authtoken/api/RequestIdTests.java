package io.authtoken.api;

import java.net.http.HttpRequest;

import io.authtoken.support.ApiClient;
import io.authtoken.support.ApiClient.Response;
import io.authtoken.support.RawHttp;
import io.authtoken.support.TestDirectories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every response carries a request id, the client's own when it is well formed, and the
 * same id appears in problem details and in the log lines of the request.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "authtoken.admin.token=" + ApiClient.ADMIN_TOKEN)
@ExtendWith(OutputCaptureExtension.class)
class RequestIdTests {

	private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

	@LocalServerPort
	int port;

	ApiClient api;

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		String dataDir = TestDirectories.create("authtoken-request-id-");
		registry.add("authtoken.data-dir", () -> dataDir);
	}

	@BeforeEach
	void createClient() {
		this.api = new ApiClient(this.port);
	}

	@Test
	void requestIdWhenValidThenEchoed() {
		String requestId = "gw-Req_42.a" + "b".repeat(53);

		Response response = postToken(requestId);

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("X-Request-Id")).isEqualTo(requestId);
		assertThat(response.text("requestId")).isEqualTo(requestId);
	}

	@Test
	void requestIdWhenInvalidThenReplaced() {
		String[] invalid = { "b".repeat(65), "has space", "semi;colon", "{\"json\":1}", "a/b", "" };

		for (String requestId : invalid) {
			Response response = postToken(requestId);

			assertThat(response.header("X-Request-Id")).as(requestId).matches(UUID_PATTERN);
			assertThat(response.text("requestId")).as(requestId).isEqualTo(response.header("X-Request-Id"));
		}
	}

	@Test
	void requestIdWhenMissingThenGenerated() {
		Response success = this.api.adminGet("/admin/credentials");
		Response notFound = this.api.adminGet("/no-such-path");
		Response tooLarge = this.api.post("/token", "{\"key\":\"k\",\"secret\":\"" + "s".repeat(17 * 1024) + "\"}");

		assertThat(success.status()).isEqualTo(200);
		assertThat(success.header("X-Request-Id")).matches(UUID_PATTERN);
		assertThat(notFound.code()).isEqualTo("not_found");
		assertThat(notFound.text("requestId")).matches(UUID_PATTERN).isEqualTo(notFound.header("X-Request-Id"));
		assertThat(tooLarge.code()).isEqualTo("payload_too_large");
		assertThat(tooLarge.text("requestId")).matches(UUID_PATTERN).isEqualTo(tooLarge.header("X-Request-Id"));
		assertThat(success.header("X-Request-Id")).isNotEqualTo(notFound.header("X-Request-Id"));
	}

	@Test
	void requestIdWhenErrorDispatchedThenKept() {
		Response response = this.api.send(this.api.request("/token")
			.header("X-Request-Id", "trace-id-1")
			.method("TRACE", HttpRequest.BodyPublishers.noBody()));

		assertThat(response.status()).isEqualTo(405);
		assertThat(response.code()).isEqualTo("method_not_allowed");
		assertThat(response.header("X-Request-Id")).isEqualTo("trace-id-1");
		assertThat(response.text("requestId")).isEqualTo("trace-id-1");
	}

	@Test
	void requestIdWhenRejectedByTomcatThenGenerated() {
		String response = RawHttp.send(this.port,
				"GET /a%zz HTTP/1.1\r\nHost: x\r\nX-Request-Id: client-id\r\n" + "Connection: close\r\n\r\n");

		assertThat(RawHttp.status(response)).isEqualTo(400);
		assertThat(RawHttp.body(response)).containsPattern("\"requestId\":\"" + UUID_PATTERN + "\"");
		assertThat(response).containsPattern("X-Request-Id: " + UUID_PATTERN);
	}

	@Test
	void logLineWhenRequestHandledThenHasId(CapturedOutput output) {
		Response created = this.api.send(this.api.request("/admin/credentials")
			.header("Authorization", "Bearer " + ApiClient.ADMIN_TOKEN)
			.header("Content-Type", "application/json")
			.header("X-Request-Id", "log-line-test-7")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"logged\"}")));

		assertThat(created.status()).isEqualTo(201);
		assertThat(output.getOut().lines().filter((line) -> line.contains("Created credential " + created.text("key"))))
			.singleElement()
			.asString()
			.contains("log-line-test-7");
	}

	private Response postToken(String requestId) {
		return this.api.send(this.api.request("/token")
			.header("Content-Type", "application/json")
			.header("X-Request-Id", requestId)
			.POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"k\",\"secret\":\"s\"}")));
	}

}
