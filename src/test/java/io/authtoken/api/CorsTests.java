package io.authtoken.api;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.authtoken.support.ApiClient;
import io.authtoken.support.ApiClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CORS over real HTTP, with two allowed origins: preflight and actual requests as a
 * browser sends them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "authtoken.admin.token=" + ApiClient.ADMIN_TOKEN,
				"authtoken.cors.allowed-origins=" + CorsTests.ALLOWED_ORIGIN + ", http://localhost:3000" })
class CorsTests {

	static final String ALLOWED_ORIGIN = "https://app.example.com";

	static final String OTHER_ORIGIN = "https://evil.example.net";

	@LocalServerPort
	int port;

	ApiClient api;

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) throws IOException {
		String dataDir = Files.createTempDirectory("authtoken-cors-").toString();
		registry.add("authtoken.data-dir", () -> dataDir);
	}

	@BeforeEach
	void createClient() {
		this.api = new ApiClient(this.port);
	}

	@Test
	void issueWhenOriginAllowedThenAllowOriginHeader() {
		Credential credential = createCredential();

		Response issued = post("/token", credential.body(), "http://localhost:3000");

		assertThat(issued.status()).isEqualTo(200);
		assertThat(issued.text("token")).isNotBlank();
		assertThat(issued.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:3000");
		assertThat(issued.header("Access-Control-Expose-Headers")).isEqualTo("Retry-After");
		assertThat(issued.header("Access-Control-Allow-Credentials")).isNull();
		assertThat(issued.raw().headers().allValues("Vary")).contains("Origin");
	}

	@Test
	void refreshWhenOriginAllowedThenAllowOriginHeader() {
		Credential credential = createCredential();
		String token = post("/token", credential.body(), ALLOWED_ORIGIN).text("token");

		Response refreshed = post("/token/refresh", "{\"token\":" + ApiClient.quote(token) + "}", ALLOWED_ORIGIN);

		assertThat(refreshed.status()).isEqualTo(200);
		assertThat(refreshed.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED_ORIGIN);
	}

	@Test
	void issueWhenSecretWrongThenProblemReadable() {
		Credential credential = createCredential();

		Response rejected = post("/token", new Credential(credential.key(), credential.secret() + "x").body(),
				ALLOWED_ORIGIN);

		assertThat(rejected.status()).isEqualTo(401);
		assertThat(rejected.code()).isEqualTo("invalid_credentials");
		assertThat(rejected.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED_ORIGIN);
	}

	@Test
	void issueWhenOriginNotAllowedThenForbiddenWithoutToken() {
		Credential credential = createCredential();

		Response rejected = post("/token", credential.body(), OTHER_ORIGIN);

		assertThat(rejected.status()).isEqualTo(403);
		assertThat(rejected.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(rejected.code()).isEqualTo("cors_request_rejected");
		assertThat(rejected.text("type")).isEqualTo("urn:authtoken:problem:cors-request-rejected");
		assertThat(rejected.text("detail")).contains("authtoken.cors.allowed-origins");
		assertThat(rejected.text("token")).isNull();
		assertThat(rejected.header("Access-Control-Allow-Origin")).isNull();
	}

	@Test
	void preflightWhenJsonContentTypeThenAllowed() {
		for (String path : List.of("/token", "/token/refresh")) {
			Response preflight = preflight(path, ALLOWED_ORIGIN, "POST", "content-type");

			assertThat(preflight.status()).as(path).isEqualTo(204);
			assertThat(preflight.body()).as(path).isEmpty();
			assertThat(preflight.header("Access-Control-Allow-Origin")).as(path).isEqualTo(ALLOWED_ORIGIN);
			assertThat(preflight.header("Access-Control-Allow-Methods")).as(path).isEqualTo("POST");
			assertThat(preflight.header("Access-Control-Allow-Headers")).as(path).isEqualToIgnoringCase("content-type");
			assertThat(preflight.header("Access-Control-Max-Age")).as(path).isEqualTo("3600");
		}
	}

	@Test
	void preflightWhenOriginNotAllowedThenForbidden() {
		Response preflight = preflight("/token", OTHER_ORIGIN, "POST", "content-type");

		assertThat(preflight.status()).isEqualTo(403);
		assertThat(preflight.code()).isEqualTo("cors_request_rejected");
		assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
		assertThat(preflight.header("Access-Control-Allow-Methods")).isNull();
	}

	@Test
	void preflightWhenMethodOrHeaderNotAllowedThenForbidden() {
		Response wrongMethod = preflight("/token", ALLOWED_ORIGIN, "DELETE", "content-type");
		Response wrongHeader = preflight("/token/refresh", ALLOWED_ORIGIN, "POST", "authorization");

		assertThat(wrongMethod.status()).isEqualTo(403);
		assertThat(wrongMethod.code()).isEqualTo("cors_request_rejected");
		assertThat(wrongMethod.text("detail")).contains("must use POST");
		assertThat(wrongMethod.header("Access-Control-Allow-Origin")).isNull();
		assertThat(wrongHeader.status()).isEqualTo(403);
		assertThat(wrongHeader.code()).isEqualTo("cors_request_rejected");
		assertThat(wrongHeader.text("detail")).contains("Content-Type and Accept");
		assertThat(wrongHeader.header("Access-Control-Allow-Origin")).isNull();
	}

	@Test
	void preflightWhenSomeHeadersNotAllowedThenOmitted() {
		Response preflight = preflight("/token", ALLOWED_ORIGIN, "POST", "content-type, authorization");

		assertThat(preflight.status()).isEqualTo(204);
		assertThat(preflight.header("Access-Control-Allow-Headers")).isEqualToIgnoringCase("content-type");
	}

	@Test
	void adminWhenCrossOriginThenForbidden() {
		Response list = this.api.send(this.api.request("/admin/credentials")
			.header("Authorization", "Bearer " + ApiClient.ADMIN_TOKEN)
			.header("Origin", ALLOWED_ORIGIN)
			.GET());
		Response preflight = preflight("/admin/credentials", ALLOWED_ORIGIN, "POST", "authorization, content-type");

		assertThat(list.status()).isEqualTo(403);
		assertThat(list.code()).isEqualTo("cors_request_rejected");
		assertThat(list.text("detail")).contains("admin API");
		assertThat(list.json().has("items")).isFalse();
		assertThat(list.header("Access-Control-Allow-Origin")).isNull();
		assertThat(preflight.status()).isEqualTo(403);
		assertThat(preflight.code()).isEqualTo("cors_request_rejected");
		assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
	}

	@Test
	void adminWhenPathEncodedThenForbidden() {
		for (String path : List.of("/%61dmin/credentials", "/admin;x=y/credentials")) {
			Response create = this.api.send(this.api.request(path)
				.header("Authorization", "Bearer " + ApiClient.ADMIN_TOKEN)
				.header("Content-Type", "application/json")
				.header("Origin", ALLOWED_ORIGIN)
				.POST(BodyPublishers.ofString("{\"name\":\"disguised\"}")));

			assertThat(create.status()).as(path).isEqualTo(403);
			assertThat(create.code()).as(path).isEqualTo("cors_request_rejected");
			assertThat(create.text("detail")).as(path).contains("admin API");
		}
	}

	@Test
	void adminWhenOriginIsServiceItselfThenAllowed() {
		Response created = this.api.send(this.api.request("/admin/credentials")
			.header("Authorization", "Bearer " + ApiClient.ADMIN_TOKEN)
			.header("Content-Type", "application/json")
			.header("Origin", "http://127.0.0.1:" + this.port)
			.POST(BodyPublishers.ofString("{\"name\":\"same-origin\"}")));

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.header("Access-Control-Allow-Origin")).isNull();
	}

	@Test
	void otherPathWhenCrossOriginThenForbidden() {
		Response docs = this.api.send(this.api.request("/v3/api-docs").header("Origin", ALLOWED_ORIGIN).GET());

		assertThat(docs.status()).isEqualTo(403);
		assertThat(docs.code()).isEqualTo("cors_request_rejected");
		assertThat(docs.header("Access-Control-Allow-Origin")).isNull();
	}

	@Test
	void requestWhenOriginMalformedThenForbidden() {
		Response rejected = post("/token", createCredential().body(), "http://[not-an-ip");

		assertThat(rejected.status()).isEqualTo(403);
		assertThat(rejected.code()).isEqualTo("cors_request_rejected");
		assertThat(rejected.text("detail")).contains("not a valid origin");
	}

	@Test
	void requestWhenNoOriginThenNoCorsHeaders() {
		Response issued = this.api.post("/token", createCredential().body());

		assertThat(issued.status()).isEqualTo(200);
		assertThat(issued.header("Access-Control-Allow-Origin")).isNull();
	}

	@Test
	void clientModuleWhenOriginAllowedThenServed() throws IOException {
		String canonical = Files.readString(Path.of("clients/js/authtoken-client.js"));

		Response module = this.api
			.send(this.api.request("/authtoken-client.js").header("Origin", ALLOWED_ORIGIN).GET());
		Response preflight = preflight("/authtoken-client.js", ALLOWED_ORIGIN, "GET", null);

		assertThat(module.status()).isEqualTo(200);
		assertThat(module.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED_ORIGIN);
		assertThat(module.header("Content-Type")).startsWith("text/javascript");
		assertThat(module.body()).isEqualTo(canonical);
		assertThat(preflight.status()).isEqualTo(204);
		assertThat(preflight.header("Access-Control-Allow-Methods")).isEqualTo("GET,HEAD");
	}

	private Credential createCredential() {
		Response created = this.api.adminPost("/admin/credentials", "{\"name\":\"cors\"}");
		assertThat(created.status()).isEqualTo(201);
		return new Credential(created.text("key"), created.text("secret"));
	}

	private Response post(String path, String body, String origin) {
		return this.api.send(this.api.request(path)
			.header("Content-Type", "application/json")
			.header("Origin", origin)
			.POST(BodyPublishers.ofString(body)));
	}

	private Response preflight(String path, String origin, String method, String headers) {
		HttpRequest.Builder request = this.api.request(path)
			.header("Origin", origin)
			.header("Access-Control-Request-Method", method)
			.method("OPTIONS", BodyPublishers.noBody());
		if (headers != null) {
			request.header("Access-Control-Request-Headers", headers);
		}
		return this.api.send(request);
	}

	record Credential(String key, String secret) {

		String body() {
			return "{\"key\":" + ApiClient.quote(this.key) + ",\"secret\":" + ApiClient.quote(this.secret) + "}";
		}

	}

}
