package io.authtoken.api;

import java.util.Map;
import java.util.stream.Collectors;

import io.authtoken.support.ApiClient;
import io.authtoken.support.ApiClient.Response;
import io.authtoken.support.PrometheusScrape;
import io.authtoken.support.PrometheusScrape.Sample;
import io.authtoken.support.TestDirectories;
import io.authtoken.web.TokenMetrics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics at {@code /actuator/prometheus} count exactly the traffic sent. The context
 * is this class's own, so no other test adds to the counts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "authtoken.admin.token=" + ApiClient.ADMIN_TOKEN, "authtoken.refresh.reuse-grace=PT0S" })
class MetricsTests {

	private static final String ISSUED = "authtoken_tokens_issued_total";

	private static final String REJECTED = "authtoken_token_requests_rejected_total";

	@LocalServerPort
	int port;

	@Autowired
	TokenMetrics metrics;

	ApiClient api;

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		String dataDir = TestDirectories.create("authtoken-metrics-");
		registry.add("authtoken.data-dir", () -> dataDir);
	}

	@BeforeEach
	void createClient() {
		this.api = new ApiClient(this.port);
	}

	@Test
	void scrapeAfterKnownTrafficThenExactCounts() {
		String[] standard = createCredential("{\"name\":\"standard\"}");
		String[] legacy = createCredential("{\"name\":\"legacy\",\"tokenFormat\":\"legacy\"}");
		String[] disabled = createCredential("{\"name\":\"disabled\"}");
		assertThat(this.api.adminPost("/admin/credentials/" + disabled[0] + "/disable", "").status()).isEqualTo(200);

		String token = issue(standard[0], standard[1]).text("token");
		issue(standard[0], standard[1]);
		issue(standard[0], standard[1]);
		issue(legacy[0], legacy[1]);
		issue(standard[0], "wrong-secret");
		issue(standard[0], "another-wrong-secret");
		this.api.post("/token", "{");
		this.api.post("/token", "text/plain", "{}");
		this.api.post("/token", "{\"key\":\"k\",\"secret\":\"" + "s".repeat(17 * 1024) + "\"}");
		assertThat(refresh(token).status()).isEqualTo(200);
		assertThat(refresh(token).code()).isEqualTo("token_reused");
		assertThat(refresh("not-a-token").code()).isEqualTo("invalid_token");
		assertThat(this.api.adminGet("/admin/credentials/no-such-key").code()).isEqualTo("credential_not_found");
		this.metrics.lockout();

		PrometheusScrape scrape = scrape();

		assertThat(scrape.value(ISSUED, "endpoint", "/token", "format", "standard")).isEqualTo(3);
		assertThat(scrape.value(ISSUED, "endpoint", "/token", "format", "legacy")).isEqualTo(1);
		assertThat(scrape.value(ISSUED, "endpoint", "/token/refresh", "format", "standard")).isEqualTo(1);
		assertThat(scrape.value(REJECTED, "endpoint", "/token", "code", "invalid_credentials")).isEqualTo(2);
		assertThat(scrape.value(REJECTED, "endpoint", "/token", "code", "invalid_request")).isEqualTo(1);
		assertThat(scrape.value(REJECTED, "endpoint", "/token", "code", "unsupported_media_type")).isEqualTo(1);
		assertThat(scrape.value(REJECTED, "endpoint", "/token", "code", "payload_too_large")).isEqualTo(1);
		assertThat(scrape.value(REJECTED, "endpoint", "/token/refresh", "code", "token_reused")).isEqualTo(1);
		assertThat(scrape.value(REJECTED, "endpoint", "/token/refresh", "code", "invalid_token")).isEqualTo(1);
		assertThat(scrape.value(REJECTED, "endpoint", "/token", "code", "credential_not_found")).isZero();
		assertThat(scrape.samples(REJECTED).stream().mapToDouble(Sample::value).sum()).isEqualTo(7);
		assertThat(scrape.value("authtoken_refresh_reuse_detected_total")).isEqualTo(1);
		assertThat(scrape.value("authtoken_lockouts_total")).isEqualTo(1);
		assertThat(scrape.value("authtoken_credentials_active")).isEqualTo(2);
		assertThat(latencyBuckets(scrape, "/token")).containsKey("0.001").containsEntry("+Inf", 4.0);
		assertThat(latencyBuckets(scrape, "/token/refresh")).containsKey("0.001").containsEntry("+Inf", 1.0);
	}

	/**
	 * Returns the latency histogram of the successful requests to one path, by upper
	 * bound in seconds.
	 */
	private static Map<String, Double> latencyBuckets(PrometheusScrape scrape, String uri) {
		return scrape.samples("http_server_requests_seconds_bucket")
			.stream()
			.filter((sample) -> uri.equals(sample.labels().get("uri")) && "200".equals(sample.labels().get("status")))
			.collect(Collectors.toMap((sample) -> sample.labels().get("le"), Sample::value));
	}

	private PrometheusScrape scrape() {
		Response response = this.api.send(this.api.request("/actuator/prometheus").GET());
		assertThat(response.status()).isEqualTo(200);
		return PrometheusScrape.parse(response.body());
	}

	private String[] createCredential(String body) {
		Response created = this.api.adminPost("/admin/credentials", body);
		assertThat(created.status()).isEqualTo(201);
		return new String[] { created.text("key"), created.text("secret") };
	}

	private Response issue(String key, String secret) {
		return this.api.post("/token",
				"{\"key\":" + ApiClient.quote(key) + ",\"secret\":" + ApiClient.quote(secret) + "}");
	}

	private Response refresh(String token) {
		return this.api.post("/token/refresh", "{\"token\":" + ApiClient.quote(token) + "}");
	}

}
