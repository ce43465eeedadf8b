package io.authtoken.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.authtoken.support.ApiClient;
import io.authtoken.support.ApiClient.Response;
import io.authtoken.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token API over real HTTP on a random port, run once per supported database by the
 * subclasses. The reuse grace period is zero here, so that a second refresh is always a
 * reuse; the grace rules have tests of their own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "authtoken.admin.token=" + ApiClient.ADMIN_TOKEN, "authtoken.refresh.reuse-grace=PT0S" })
abstract class AbstractTokenApiTests {

	static final String LEGACY_KEY = "398e54e888da42f8d089je28c298o42b";

	static final String LEGACY_SECRET = "07c6e2t1rb92987fnrd705jkk8582p9e";

	static final String LEGACY_TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9."
			+ "eyJpc3MiOiIzOThlNTRlODg4ZGE0MmY4ZDA4OWplMjhjMjk4bzQyYiIsImlhdCI6bnVsbCwiZXhwIjpudWxsLCJhdWQiOiIiLCJzdWIiOiIifQ."
			+ "BixlJTOcvM2k-ZWFuIPaMD2TPaUjkynSwc3e7l_P0Ok";

	@LocalServerPort
	int port;

	ApiClient api;

	@BeforeEach
	void createClient() {
		this.api = new ApiClient(this.port);
	}

	@Test
	void tokenLifecycleEndToEnd() throws Exception {
		Credential credential = createCredential("lifecycle");

		Response issued = issue(credential.key(), credential.secret());
		assertThat(issued.status()).isEqualTo(200);
		assertThat(issued.header("Cache-Control")).isEqualTo("no-store");
		assertThat(issued.text("tokenType")).isEqualTo("Bearer");
		assertThat(issued.json().get("expiresIn").asLong()).isEqualTo(3600);
		assertVerifiesIndependently(issued.text("token"), credential);

		Response refreshed = refresh(issued.text("token"));
		assertThat(refreshed.status()).isEqualTo(200);
		assertThat(refreshed.text("token")).isNotEqualTo(issued.text("token"));
		assertVerifiesIndependently(refreshed.text("token"), credential);
		assertThat(jti(refreshed.text("token"))).isNotEqualTo(jti(issued.text("token")));

		Response reused = refresh(issued.text("token"));
		assertThat(reused.status()).isEqualTo(401);
		assertThat(reused.code()).isEqualTo("token_reused");

		Response disabled = this.api.adminPost("/admin/credentials/" + credential.key() + "/disable", "");
		assertThat(disabled.status()).isEqualTo(200);
		assertThat(disabled.text("status")).isEqualTo("disabled");
		Response issueWhenDisabled = issue(credential.key(), credential.secret());
		assertThat(issueWhenDisabled.status()).isEqualTo(403);
		assertThat(issueWhenDisabled.code()).isEqualTo("credential_disabled");
		Response refreshWhenDisabled = refresh(refreshed.text("token"));
		assertThat(refreshWhenDisabled.status()).isEqualTo(403);
		assertThat(refreshWhenDisabled.code()).isEqualTo("credential_disabled");

		Response enabled = this.api.adminPost("/admin/credentials/" + credential.key() + "/enable", "");
		assertThat(enabled.text("status")).isEqualTo("active");
		assertThat(issue(credential.key(), credential.secret()).status()).isEqualTo(200);
	}

	@Test
	void issueWhenCredentialIsLegacyThenOldLibraryTokenByteForByte() {
		Response created = this.api.adminPost("/admin/credentials", "{\"name\":\"legacy\",\"key\":\"" + LEGACY_KEY
				+ "\",\"secret\":\"" + LEGACY_SECRET + "\",\"tokenFormat\":\"legacy\"}");
		assertThat(created.status()).isEqualTo(201);

		Response issued = issue(LEGACY_KEY, LEGACY_SECRET);

		assertThat(issued.status()).isEqualTo(200);
		assertThat(issued.text("token")).isEqualTo(LEGACY_TOKEN);
		assertThat(issued.json().get("expiresIn").isNull()).isTrue();
		assertThat(issued.json().get("expiresAt").isNull()).isTrue();
		assertThat(issued.json().get("refreshExpiresAt").isNull()).isTrue();

		Response refreshed = refresh(LEGACY_TOKEN);
		assertThat(refreshed.status()).isEqualTo(400);
		assertThat(refreshed.code()).isEqualTo("token_not_refreshable");
	}

	@Test
	void issueWhenKeyUnknownOrSecretWrongThenSameAnswer() {
		Credential credential = createCredential("wrong-secret");

		Response wrongSecret = issue(credential.key(), credential.secret() + "x");
		Response unknownKey = issue("no-such-key-" + credential.key(), credential.secret());

		assertThat(wrongSecret.status()).isEqualTo(401);
		assertThat(wrongSecret.code()).isEqualTo("invalid_credentials");
		assertThat(unknownKey.status()).isEqualTo(401);
		assertThat(withoutRequestId(unknownKey)).isEqualTo(withoutRequestId(wrongSecret));
	}

	@Test
	void issuedTimesMatchTokenClaims() throws Exception {
		Credential credential = createCredential("times");

		Response issued = issue(credential.key(), credential.secret());

		JWTClaimsSet claims = SignedJWT.parse(issued.text("token")).getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo(credential.key());
		assertThat(claims.getJWTID()).hasSizeGreaterThanOrEqualTo(22);
		Instant expiresAt = Instant.parse(issued.text("expiresAt"));
		assertThat(claims.getExpirationTime().toInstant()).isEqualTo(expiresAt);
		assertThat(claims.getIssueTime().toInstant()).isEqualTo(expiresAt.minusSeconds(3600));
		assertThat(Instant.parse(issued.text("refreshExpiresAt"))).isEqualTo(expiresAt.plusSeconds(86400));
	}

	@Test
	void refreshWhenRacedByTwentyThreadsThenExactlyOneNewToken() throws Exception {
		Credential credential = createCredential("race");
		String token = issue(credential.key(), credential.secret()).text("token");

		List<Response> responses = refreshConcurrently(token, 20);

		List<Response> successes = responses.stream().filter((response) -> response.status() == 200).toList();
		assertThat(successes).isNotEmpty();
		assertThat(successes.stream().map((response) -> response.text("token")).distinct()).hasSize(1);
		assertThat(responses).filteredOn((response) -> response.status() != 200)
			.allSatisfy((response) -> assertThat(response.code()).isEqualTo("token_reused"));
	}

	List<Response> refreshConcurrently(String token, int threads) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Response>> futures = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			Callable<Response> call = () -> {
				start.await();
				return refresh(token);
			};
			futures.add(executor.submit(call));
		}
		start.countDown();
		List<Response> responses = new ArrayList<>();
		for (Future<Response> future : futures) {
			responses.add(future.get());
		}
		executor.shutdown();
		return responses;
	}

	@Test
	void refreshWhenTokenForgedOrMalformedThenRejectedWithCode() {
		Credential credential = createCredential("forged");
		String secret = credential.secret();
		long now = Instant.now().getEpochSecond();
		String payload = TestTokens.standardPayload(credential.key(), now, now + 3600, "jti-forged-1");
		String valid = TestTokens.hs256(secret, payload);
		String[] parts = valid.split("\\.");

		assertRejected(TestTokens.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".", "invalid_token");
		assertRejected(TestTokens.sign("HmacSHA256", secret, "{\"alg\":\"none\"}", payload), "invalid_token");
		assertRejected(TestTokens.sign("HmacSHA512", secret, "{\"typ\":\"JWT\",\"alg\":\"HS512\"}", payload),
				"invalid_token");
		assertRejected(TestTokens.sign("HmacSHA256", secret, "{\"typ\":\"JWT\",\"alg\":\"hs256\"}", payload),
				"invalid_token");
		String otherPayload = TestTokens.standardPayload(credential.key(), now, now + 7200, "jti-forged-1");
		assertRejected(parts[0] + "." + TestTokens.encode(otherPayload) + "." + parts[2], "invalid_token");
		String flipped = parts[2].charAt(0) == 'A' ? "B" + parts[2].substring(1) : "A" + parts[2].substring(1);
		assertRejected(parts[0] + "." + parts[1] + "." + flipped, "invalid_token");
		assertRejected(
				TestTokens.hs256(secret,
						TestTokens.standardPayload("unknown-" + credential.key(), now, now + 3600, "jti-forged-2")),
				"invalid_token");
		assertRejected(
				TestTokens.hs256(secret,
						"{\"iss\":\"" + credential.key() + "\",\"iat\":" + (now - 60) + ",\"jti\":\"jti-forged-3\"}"),
				"invalid_token");
		assertRejected(
				TestTokens.hs256(secret,
						TestTokens.standardPayload(credential.key(), now - 200_000, now - 100_000, "jti-forged-4")),
				"refresh_window_expired");
		assertRejected(TestTokens.hs256("another-secret-of-at-least-32-bytes!", payload), "invalid_token");

		assertThat(refresh(valid).status()).isEqualTo(200);
	}

	@Test
	void refreshWhenTokenClaimsHaveWrongTypesThenNamesTheClaim() {
		Credential credential = createCredential("claim-types");
		long now = Instant.now().getEpochSecond();
		String[] badExpiries = { "\"1700000000\"", "1.0e+26", "true", "100000000000000000", "-5", "{}" };

		for (String exp : badExpiries) {
			String token = TestTokens.hs256(credential.secret(),
					"{\"iss\":\"" + credential.key() + "\",\"iat\":" + now + ",\"exp\":" + exp + ",\"jti\":\"j\"}");
			Response response = refresh(token);
			assertThat(response.status()).as("exp %s", exp).isEqualTo(401);
			assertThat(response.code()).as("exp %s", exp).isEqualTo("invalid_token");
			assertThat(response.text("detail")).as("exp %s", exp).contains("exp");
		}
	}

	@Test
	void refreshWhenBodyInvalidThenBadRequestNamingToken() {
		for (String body : new String[] { "{}", "{\"token\":\"\"}", "{\"token\":null}", "{\"token\":42}" }) {
			Response response = this.api.post("/token/refresh", body);
			assertThat(response.status()).as(body).isEqualTo(400);
			assertThat(response.code()).as(body).isEqualTo("invalid_request");
			assertThat(response.json().get("errors").get(0).get("field").asString()).as(body).isEqualTo("token");
		}
	}

	@Test
	void issueWhenBodyInvalidThenBadRequestNamingField() {
		String[][] cases = { { "{\"key\":\"k\"}", "secret" }, { "{\"key\":\"k\",\"secret\":\"\"}", "secret" },
				{ "{\"key\":\"k\",\"secret\":null}", "secret" }, { "{\"secret\":\"s\"}", "key" },
				{ "{\"KEY\":\"k\",\"SECRET\":\"s\",\"secret\":\"s\"}", "key" },
				{ "{\"key\":7,\"secret\":\"s\"}", "key" }, { "{\"key\":\"k\",\"secret\":[\"s\"]}", "secret" },
				{ "{\"key\":\"a b\",\"secret\":\"s\"}", "key" } };

		for (String[] testCase : cases) {
			Response response = this.api.post("/token", testCase[0]);
			assertThat(response.status()).as(testCase[0]).isEqualTo(400);
			assertThat(response.code()).as(testCase[0]).isEqualTo("invalid_request");
			assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
			assertThat(response.json().get("errors").get(0).get("field").asString()).as(testCase[0])
				.isEqualTo(testCase[1]);
		}
	}

	@Test
	void issueWhenBodyNotJsonObjectThenBadRequest() {
		for (String body : new String[] { "", "[]", "null", "\"text\"", "{", "{\"key\":\"a\",\"key\":\"b\"}" }) {
			Response response = this.api.post("/token", body);
			assertThat(response.status()).as(body).isEqualTo(400);
			assertThat(response.code()).as(body).isEqualTo("invalid_request");
			assertThat(response.text("detail")).as(body).isNotBlank();
		}
	}

	@Test
	void bodyWithContentAfterObjectNamesIt() {
		for (String body : new String[] { "{\"key\":\"a\",\"secret\":\"x\"} {\"x\":1}",
				"{\"key\":\"a\",\"secret\":\"x\"} []" }) {
			Response response = this.api.post("/token", body);
			assertThat(response.status()).as(body).isEqualTo(400);
			assertThat(response.code()).as(body).isEqualTo("invalid_request");
			assertThat(response.text("detail")).as(body)
				.isEqualTo("The request body has content after its JSON object.");
		}
	}

	@Test
	void issueWhenNotJsonThenUnsupportedMediaType() {
		String body = "{\"key\":\"k\",\"secret\":\"s\"}";
		for (String contentType : new String[] { "text/plain", "application/x-www-form-urlencoded", null }) {
			Response response = this.api.post("/token", contentType, body);
			assertThat(response.status()).as(contentType).isEqualTo(415);
			assertThat(response.code()).as(contentType).isEqualTo("unsupported_media_type");
		}
		Response withCharset = this.api.post("/token", "application/json; charset=utf-8", body);
		assertThat(withCharset.status()).isEqualTo(401);
	}

	@Test
	void issueWhenBodyOverLimitThenPayloadTooLarge() {
		String body = "{\"key\":\"k\",\"secret\":\"" + "s".repeat(17 * 1024) + "\"}";

		Response response = this.api.post("/token", body);

		assertThat(response.status()).isEqualTo(413);
		assertThat(response.code()).isEqualTo("payload_too_large");
	}

	@Test
	void errorResponsesNeverEchoSecretOrToken() {
		Credential credential = createCredential("no-echo");
		String token = issue(credential.key(), credential.secret()).text("token");

		Response wrongSecret = issue(credential.key(), credential.secret() + "x");
		Response tampered = refresh(token + "x");
		Response shortSecret = this.api.adminPost("/admin/credentials",
				"{\"name\":\"n\",\"key\":\"short-secret\",\"secret\":\"tooshort-secret-value\"}");

		assertThat(wrongSecret.body()).doesNotContain(credential.secret());
		assertThat(tampered.body()).doesNotContain(token).doesNotContain(token.split("\\.")[2]);
		assertThat(shortSecret.body()).doesNotContain("tooshort-secret-value");
	}

	Credential createCredential(String name) {
		Response created = this.api.adminPost("/admin/credentials", "{\"name\":\"" + name + "\"}");
		assertThat(created.status()).isEqualTo(201);
		return new Credential(created.text("key"), created.text("secret"));
	}

	Response issue(String key, String secret) {
		return this.api.post("/token",
				"{\"key\":" + ApiClient.quote(key) + ",\"secret\":" + ApiClient.quote(secret) + "}");
	}

	Response refresh(String token) {
		return this.api.post("/token/refresh", "{\"token\":" + ApiClient.quote(token) + "}");
	}

	/**
	 * Returns a problem detail without its {@code requestId}, which differs per request.
	 */
	private static JsonNode withoutRequestId(Response problem) {
		ObjectNode json = (ObjectNode) problem.json();
		json.remove("requestId");
		return json;
	}

	private void assertRejected(String token, String code) {
		Response response = refresh(token);
		assertThat(response.status()).as(token).isBetween(400, 499);
		assertThat(response.code()).as(token).isEqualTo(code);
	}

	private static void assertVerifiesIndependently(String token, Credential credential) throws Exception {
		SignedJWT jwt = SignedJWT.parse(token);
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
		assertThat(jwt.getHeader().getKeyID()).isNull();
		assertThat(TestTokens.decode(token.split("\\.")[0])).isEqualTo(TestTokens.HS256_HEADER);
		assertThat(jwt.verify(new MACVerifier(credential.secret().getBytes(java.nio.charset.StandardCharsets.UTF_8))))
			.isTrue();
		assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(credential.key());
	}

	private static String jti(String token) throws Exception {
		return SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
	}

	record Credential(String key, String secret) {

		static Set<String> keys(List<Credential> credentials) {
			return new HashSet<>(credentials.stream().map(Credential::key).toList());
		}

	}

}
