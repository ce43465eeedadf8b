package io.authtoken.api;

import java.time.Instant;

import io.authtoken.support.ApiClient;
import io.authtoken.support.ApiClient.Response;
import io.authtoken.support.RawHttp;
import io.authtoken.support.TestDirectories;
import io.authtoken.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests a hostile client sends, each answered with a 4xx problem detail and never a
 * 500, on the embedded H2 database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "authtoken.admin.token=" + ApiClient.ADMIN_TOKEN)
class HostileInputTests {

	private static final String SECRET = "a-hostile-test-secret-of-32-byte";

	@LocalServerPort
	int port;

	ApiClient api;

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		String dataDir = TestDirectories.create("authtoken-hostile-");
		registry.add("authtoken.data-dir", () -> dataDir);
	}

	@BeforeEach
	void createClient() {
		this.api = new ApiClient(this.port);
	}

	@Test
	void multipartAndFormBodiesThenClientErrorNeverServerError() {
		String multipart = "--b\r\n\r\n--b--";

		Response toToken = this.api.post("/token", "multipart/form-data; boundary=b", multipart);
		Response toAdmin = this.api.post("/admin/credentials", "multipart/form-data; boundary=b", multipart);
		String formPut = RawHttp.send(this.port, "PUT /token HTTP/1.1\r\nHost: x\r\nContent-Type: "
				+ "application/x-www-form-urlencoded\r\nContent-Length: 5\r\nConnection: close\r\n\r\na=%zz");

		assertThat(toToken.status()).isEqualTo(415);
		assertThat(toToken.code()).isEqualTo("unsupported_media_type");
		assertThat(toAdmin.status()).isBetween(400, 499);
		assertThat(RawHttp.status(formPut)).isEqualTo(405);
		assertThat(RawHttp.body(formPut)).contains("\"code\":\"method_not_allowed\"");
	}

	@Test
	void malformedRequestsRejectedByContainerThenProblemDetail() {
		String[] requests = { "GET /admin/credentials/a%2Fb HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
				"GET /a%00b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
				"GET /a%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
				"POST /token HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\nConnection: close\r\n\r\n" };

		for (String request : requests) {
			String response = RawHttp.send(this.port, request);
			assertThat(RawHttp.status(response)).as(request).isBetween(400, 499);
			assertThat(response).as(request).contains("application/problem+json").doesNotContain("<html");
		}
	}

	@Test
	void queryStringWithBadEscapeOrNulThenBadRequest() {
		String health = RawHttp.send(this.port,
				"GET /actuator/health?x=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
		Response audit = this.api.adminGet("/admin/audit?key=%00");

		assertThat(RawHttp.status(health)).isEqualTo(400);
		assertThat(RawHttp.body(health)).contains("\"code\":\"invalid_request\"");
		assertThat(audit.status()).isEqualTo(400);
		assertThat(audit.json().get("errors").get(0).get("field").asString()).isEqualTo("key");
	}

	@Test
	void errorPathRequestedDirectlyThenNotFound() {
		Response response = this.api.send(this.api.request("/error").GET());

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.code()).isEqualTo("not_found");
	}

	@Test
	void pathWithSemicolonThenRejectedAndNoOtherCredentialTouched() {
		this.api.adminPost("/admin/credentials", "{\"name\":\"n\",\"key\":\"team\"}");
		Response created = this.api.adminPost("/admin/credentials", "{\"name\":\"n\",\"key\":\"team;eu\"}");

		String deleteRaw = RawHttp.send(this.port, "DELETE /admin/credentials/team;eu HTTP/1.1\r\nHost: x\r\n"
				+ "Authorization: Bearer " + ApiClient.ADMIN_TOKEN + "\r\nConnection: close\r\n\r\n");

		assertThat(created.header("Location")).isEqualTo("/admin/credentials/team%3Beu");
		assertThat(RawHttp.status(deleteRaw)).isEqualTo(400);
		assertThat(this.api.adminGet("/admin/credentials/team").status()).isEqualTo(200);
		assertThat(this.api.adminGet("/admin/credentials/team%3Beu").text("key")).isEqualTo("team;eu");
	}

	@Test
	void refreshWhenIdentifierClaimsNotBase64UrlThenInvalidTokenNamingClaim() {
		createCredential("ids", SECRET);
		long now = Instant.now().getEpochSecond();
		String[][] cases = { { "jti", "a\\u0000b" }, { "jti", "x\\ud800y" }, { "jti", "with space" },
				{ "sid", "a\\u0000b" }, { "sid", "caf\\u00e9" } };

		for (String[] testCase : cases) {
			String jti = testCase[0].equals("jti") ? testCase[1] : "jti-ok";
			String sid = testCase[0].equals("sid") ? testCase[1] : "sid-ok";
			String token = TestTokens.hs256(SECRET, "{\"iss\":\"ids\",\"iat\":" + now + ",\"exp\":" + (now + 60)
					+ ",\"jti\":\"" + jti + "\",\"sid\":\"" + sid + "\",\"auth_time\":" + now + "}");
			Response response = refresh(token);
			assertThat(response.status()).as(testCase[1]).isEqualTo(401);
			assertThat(response.code()).as(testCase[1]).isEqualTo("invalid_token");
			assertThat(response.text("detail")).as(testCase[1]).contains(testCase[0]);
		}
	}

	@Test
	void refreshWhenAuthTimeInFutureThenInvalidToken() {
		createCredential("future", SECRET);
		long now = Instant.now().getEpochSecond();
		String token = TestTokens.hs256(SECRET, "{\"iss\":\"future\",\"iat\":" + now + ",\"exp\":" + (now + 60)
				+ ",\"jti\":\"j\",\"sid\":\"s\",\"auth_time\":" + (now + 86_400) + "}");

		Response response = refresh(token);

		assertThat(response.code()).isEqualTo("invalid_token");
		assertThat(response.text("detail")).contains("auth_time");
	}

	@Test
	void refreshWhenCredentialIsLegacyThenNotRefreshableEvenForStandardShape() {
		this.api.adminPost("/admin/credentials",
				"{\"name\":\"n\",\"key\":\"legacy-k\",\"secret\":\"" + SECRET + "\",\"tokenFormat\":\"legacy\"}");
		long now = Instant.now().getEpochSecond();

		Response response = refresh(
				TestTokens.hs256(SECRET, TestTokens.standardPayload("legacy-k", now, now + 60, "j")));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.code()).isEqualTo("token_not_refreshable");
	}

	@Test
	void secretsAndNamesWithUnpairedSurrogatesOrBlankThenBadRequest() {
		String withQuestionMark = "a-secret-with-a-question-mark-?-inside";
		createCredential("surrogate", withQuestionMark);

		Response loneSurrogate = this.api.post("/token",
				"{\"key\":\"surrogate\",\"secret\":\"a-secret-with-a-question-mark-\\ud800-inside\"}");
		Response blankSecret = this.api.adminPost("/admin/credentials",
				"{\"name\":\"n\",\"key\":\"blank\",\"secret\":\"" + " ".repeat(40) + "\"}");
		Response surrogateName = this.api.adminPost("/admin/credentials", "{\"name\":\"sur\\udc01rogate\"}");

		assertThat(loneSurrogate.status()).isEqualTo(400);
		assertThat(loneSurrogate.json().get("errors").get(0).get("field").asString()).isEqualTo("secret");
		assertThat(blankSecret.status()).isEqualTo(400);
		assertThat(blankSecret.json().get("errors").get(0).get("field").asString()).isEqualTo("secret");
		assertThat(surrogateName.status()).isEqualTo(400);
		assertThat(surrogateName.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
	}

	@Test
	void issueWhenSecretOverLimitInBytesThenBadRequest() {
		String threeByteCharacters = "\u20ac".repeat(200);

		Response response = this.api.post("/token", "{\"key\":\"k\",\"secret\":\"" + threeByteCharacters + "\"}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("errors").get(0).get("message").asString()).contains("bytes");
	}

	private void createCredential(String key, String secret) {
		Response created = this.api.adminPost("/admin/credentials",
				"{\"name\":\"n\",\"key\":\"" + key + "\",\"secret\":\"" + secret + "\"}");
		assertThat(created.status()).isEqualTo(201);
	}

	private Response refresh(String token) {
		return this.api.post("/token/refresh", "{\"token\":" + ApiClient.quote(token) + "}");
	}

}
