package io.authtoken.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.authtoken.support.ApiClient;
import io.authtoken.support.ApiClient.Response;
import io.authtoken.support.TestDirectories;
import io.authtoken.support.TestTokens;
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
 * Forged and malformed tokens given to {@code POST /token/refresh}, each refused with
 * 401, built with a credential whose secret S is 32 bytes. Every test also checks that
 * nothing it sent reached the log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "authtoken.admin.token=" + ApiClient.ADMIN_TOKEN)
@ExtendWith(OutputCaptureExtension.class)
class HostileTokenTests {

	private static final String KEY = "k1";

	private static final String S = "hostile-token-secret-of-32-bytes";

	@LocalServerPort
	int port;

	ApiClient api;

	long now = Instant.now().getEpochSecond();

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		String dataDir = TestDirectories.create("authtoken-hostile-token-");
		registry.add("authtoken.data-dir", () -> dataDir);
	}

	@BeforeEach
	void createCredential() {
		this.api = new ApiClient(this.port);
		this.api.adminPost("/admin/credentials", "{\"name\":\"n\",\"key\":\"" + KEY + "\",\"secret\":\"" + S + "\"}");
	}

	@Test
	void refreshWhenAlgNoneOrEmptySignatureThenUnauthorized(CapturedOutput output) {
		String payload = validPayload("none");
		String unsigned = "." + TestTokens.encode(payload) + ".";

		assertInvalid(TestTokens.encode("{\"alg\":\"none\"}") + unsigned, output);
		assertInvalid(TestTokens.encode("{\"alg\":\"NONE\",\"typ\":\"JWT\"}") + unsigned, output);
		assertInvalid(TestTokens.encode(TestTokens.HS256_HEADER) + unsigned, output);
	}

	@Test
	void refreshWhenOtherAlgorithmThenUnauthorized(CapturedOutput output) {
		String payload = validPayload("alg");
		String es256 = TestTokens.encode("{\"alg\":\"ES256\",\"typ\":\"JWT\"}") + "." + TestTokens.encode(payload) + "."
				+ TestTokens.encode(new byte[64]);

		assertInvalid(TestTokens.sign("HmacSHA512", S, "{\"typ\":\"JWT\",\"alg\":\"HS512\"}", payload), output);
		assertInvalid(TestTokens.sign("HmacSHA256", S, "{\"alg\":\"hs256\"}", payload), output);
		assertInvalid(es256, output);
	}

	@Test
	void refreshWhenIssuerSwappedOrOtherSecretThenUnauthorized(CapturedOutput output) {
		this.api.adminPost("/admin/credentials", "{\"name\":\"n\",\"key\":\"k2\"}");
		String expired = TestTokens.hs256(S, TestTokens.standardPayload(KEY, this.now - 7200, this.now - 3600, "swap"));
		String[] parts = expired.split("\\.");
		String reissued = TestTokens.standardPayload("k2", this.now - 7200, this.now - 3600, "swap");

		assertInvalid(parts[0] + "." + TestTokens.encode(reissued) + "." + parts[2], output);
		assertInvalid(TestTokens.hs256("another-secret-that-is-32-bytes!", validPayload("other")), output);
	}

	@Test
	void refreshWhenExpMissingOrMalformedThenUnauthorizedNamingExp(CapturedOutput output) {
		String[] claims = { "", ",\"exp\":\"1700000000\"", ",\"exp\":1.0e+26", ",\"exp\":true",
				",\"exp\":100000000000000000" };

		for (String exp : claims) {
			String payload = "{\"iss\":\"" + KEY + "\",\"iat\":" + (this.now - 60) + exp + "}";
			Response response = assertInvalid(TestTokens.hs256(S, payload), output);
			assertThat(response.text("detail")).as(exp).contains("exp");
		}
	}

	@Test
	void refreshWhenIssuerOrHeaderHostileThenUnauthorizedWithoutEcho(CapturedOutput output) {
		String unknownWithEmptyKey = TestTokens.encode(TestTokens.HS256_HEADER) + "."
				+ TestTokens.encode(TestTokens.standardPayload("no-such-key", this.now, this.now + 60, "e")) + ".";
		String signingInput = unknownWithEmptyKey.substring(0, unknownWithEmptyKey.length() - 1);
		// HMAC pads a short key with zero bytes, so one zero byte is the same key as
		// none.
		String emptyKeySigned = unknownWithEmptyKey
				+ TestTokens.encode(TestTokens.mac("HmacSHA256", new byte[1], signingInput));
		String kid = TestTokens.sign("HmacSHA256", S, "{\"alg\":\"HS256\",\"kid\":\"../../../../dev/null\"}",
				validPayload("kid"));
		String injection = TestTokens.hs256(S,
				"{\"iss\":\"x' OR '1'='1\",\"exp\":" + (this.now + 60) + ",\"jti\":\"j\"}");

		for (String token : new String[] { emptyKeySigned, kid, injection }) {
			Response response = assertInvalid(token, output);
			assertThat(response.body()).doesNotContain("dev/null")
				.doesNotContain("OR '1'")
				.doesNotContainIgnoringCase("select")
				.doesNotContain("no-such-key");
		}
	}

	@Test
	void issueWhenContentTypeOrFieldNamesWrongThenClientError(CapturedOutput output) {
		String body = "{\"key\":\"" + KEY + "\",\"secret\":\"" + S + "\"}";

		assertThat(this.api.post("/token", "text/plain", body).status()).isEqualTo(415);
		assertThat(this.api.post("/token", "application/x-www-form-urlencoded", "key=k1&secret=" + S).status())
			.isEqualTo(415);
		assertThat(this.api.post("/token", null, body).status()).isEqualTo(415);
		Response upperCase = this.api.post("/token", "{\"KEY\":\"" + KEY + "\",\"SECRET\":\"" + S + "\"}");
		assertThat(upperCase.status()).isEqualTo(400);
		assertThat(upperCase.json().get("errors").get(0).get("field").asString()).isEqualTo("key");
		assertThat(output.getAll()).doesNotContain(S);
	}

	@Test
	void issueWhenSecretEmptyMissingOrNullThenBadRequestNamingSecret(CapturedOutput output) {
		for (String secret : new String[] { ",\"secret\":\"\"", "", ",\"secret\":null" }) {
			Response response = this.api.post("/token", "{\"key\":\"" + KEY + "\"" + secret + "}");
			assertThat(response.status()).as(secret).isEqualTo(400);
			assertThat(response.json().get("errors").get(0).get("field").asString()).as(secret).isEqualTo("secret");
		}
	}

	@Test
	void requestBodyNestedDeeperThanLimitThenBadRequest() {
		String nested = "[".repeat(20) + "]".repeat(20);

		Response response = this.api.post("/token", "{\"key\":" + nested + ",\"secret\":\"x\"}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.code()).isEqualTo("invalid_request");
	}

	private String validPayload(String jti) {
		return TestTokens.standardPayload(KEY, this.now, this.now + 3600, jti);
	}

	private Response assertInvalid(String token, CapturedOutput output) {
		Response response = this.api.post("/token/refresh", "{\"token\":" + ApiClient.quote(token) + "}");
		assertThat(response.status()).as(token).isEqualTo(401);
		assertThat(response.code()).as(token).isEqualTo("invalid_token");
		assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(output.getAll()).doesNotContain(S).doesNotContain(token).doesNotContain(ApiClient.ADMIN_TOKEN);
		assertThat(new String(response.body().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
			.doesNotContain(token);
		return response;
	}

}
