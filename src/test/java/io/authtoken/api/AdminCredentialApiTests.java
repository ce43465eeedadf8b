package io.authtoken.api;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import io.authtoken.support.ApiClient;
import io.authtoken.support.ApiClient.Response;
import io.authtoken.support.TestDirectories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin credential API over real HTTP, on the embedded H2 database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "authtoken.admin.token=" + ApiClient.ADMIN_TOKEN)
class AdminCredentialApiTests {

	private static final String SECRET = "an-imported-secret-of-32-bytes!!";

	@LocalServerPort
	int port;

	ApiClient api;

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) throws IOException {
		String dataDir = TestDirectories.create("authtoken-admin-");
		registry.add("authtoken.data-dir", () -> dataDir);
	}

	@BeforeEach
	void createClient() {
		this.api = new ApiClient(this.port);
	}

	@Test
	void createWhenKeyAndSecretGivenThenImportedAndUsable() {
		Response created = this.api.adminPost("/admin/credentials",
				"{\"name\":\"gateway consumer\",\"key\":\"imported-key\",\"secret\":\"" + SECRET + "\"}");

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.header("Location")).isEqualTo("/admin/credentials/imported-key");
		assertThat(created.text("key")).isEqualTo("imported-key");
		assertThat(created.text("secret")).isEqualTo(SECRET);
		assertThat(created.text("name")).isEqualTo("gateway consumer");
		assertThat(created.text("status")).isEqualTo("active");
		assertThat(created.text("tokenFormat")).isEqualTo("standard");
		assertThat(created.text("createdAt")).isNotBlank();
		Response issued = this.api.post("/token", "{\"key\":\"imported-key\",\"secret\":\"" + SECRET + "\"}");
		assertThat(issued.status()).isEqualTo(200);
	}

	@Test
	void createWhenNothingGivenThenKeyAndSecretGenerated() {
		Response created = this.api.adminPost("/admin/credentials", "{\"name\":\"generated\"}");

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.text("key")).matches("[A-Za-z0-9]{32}");
		assertThat(created.text("secret")).matches("[A-Za-z0-9_-]{43}");
	}

	@Test
	void createWhenKeyExistsThenConflict() {
		String body = "{\"name\":\"first\",\"key\":\"duplicate-key\",\"secret\":\"" + SECRET + "\"}";
		assertThat(this.api.adminPost("/admin/credentials", body).status()).isEqualTo(201);

		Response duplicate = this.api.adminPost("/admin/credentials", body);

		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.code()).isEqualTo("credential_exists");
		assertThat(duplicate.body()).doesNotContain(SECRET);
	}

	@Test
	void createWhenFieldsInvalidThenBadRequestNamingEachField() {
		String[][] cases = {
				{ "{\"name\":\"n\",\"key\":\"k\",\"secret\":\"31-bytes-secret-is-too-short!!\"}", "secret" },
				{ "{\"name\":\"n\",\"key\":\"has space\",\"secret\":\"" + SECRET + "\"}", "key" },
				{ "{\"name\":\"n\",\"key\":\"" + "k".repeat(129) + "\",\"secret\":\"" + SECRET + "\"}", "key" },
				{ "{\"name\":\"n\",\"key\":\"\",\"secret\":\"" + SECRET + "\"}", "key" },
				{ "{\"name\":\"n\",\"key\":\"caf\u00e9\",\"secret\":\"" + SECRET + "\"}", "key" },
				{ "{\"name\":\"n\",\"secret\":\"" + SECRET + "\"}", "key" }, { "{\"name\":\"\"}", "name" },
				{ "{}", "name" }, { "{\"name\":\"line\\nbreak\"}", "name" },
				{ "{\"name\":\"n\",\"tokenFormat\":\"jwe\"}", "tokenFormat" },
				{ "{\"name\":\"n\",\"tokenFormat\":1}", "tokenFormat" }, { "{\"name\":5}", "name" } };

		for (String[] testCase : cases) {
			Response response = this.api.adminPost("/admin/credentials", testCase[0]);
			assertThat(response.status()).as(testCase[0]).isEqualTo(400);
			assertThat(response.code()).as(testCase[0]).isEqualTo("invalid_request");
			assertThat(response.json().get("errors").get(0).get("field").asString()).as(testCase[0])
				.isEqualTo(testCase[1]);
		}
	}

	@Test
	void listAndGetNeverShowSecrets() {
		Response created = this.api.adminPost("/admin/credentials", "{\"name\":\"listed\"}");
		String secret = created.text("secret");

		Response list = this.api.adminGet("/admin/credentials?size=200");
		Response one = this.api.adminGet("/admin/credentials/" + created.text("key"));

		assertThat(list.status()).isEqualTo(200);
		assertThat(list.body()).doesNotContain(secret).doesNotContain("\"secret\"");
		assertThat(one.status()).isEqualTo(200);
		assertThat(one.text("name")).isEqualTo("listed");
		assertThat(one.body()).doesNotContain(secret).doesNotContain("\"secret\"");
	}

	@Test
	void listPagesInCreationOrderWithoutOverlap() {
		for (int i = 0; i < 5; i++) {
			this.api.adminPost("/admin/credentials", "{\"name\":\"paged-" + i + "\"}");
		}
		long total = this.api.adminGet("/admin/credentials").json().get("totalItems").asLong();

		JsonNode first = this.api.adminGet("/admin/credentials?page=0&size=2").json();
		JsonNode second = this.api.adminGet("/admin/credentials?page=1&size=2").json();

		assertThat(first.get("items")).hasSize(2);
		assertThat(first.get("totalItems").asLong()).isEqualTo(total);
		assertThat(first.get("totalPages").asLong()).isEqualTo((total + 1) / 2);
		assertThat(second.get("items")).hasSize(2);
		assertThat(second.get("items").get(0).get("key").asString())
			.isNotEqualTo(first.get("items").get(1).get("key").asString());
	}

	@Test
	void listWhenPageParametersInvalidThenBadRequestNamingParameter() {
		String[][] cases = { { "size=0", "size" }, { "size=201", "size" }, { "page=-1", "page" },
				{ "page=x", "page" } };

		for (String[] testCase : cases) {
			Response response = this.api.adminGet("/admin/credentials?" + testCase[0]);
			assertThat(response.status()).as(testCase[0]).isEqualTo(400);
			assertThat(response.json().get("errors").get(0).get("field").asString()).as(testCase[0])
				.isEqualTo(testCase[1]);
		}
	}

	@Test
	void deleteThenCredentialGoneAndIssuingFails() {
		Response created = this.api.adminPost("/admin/credentials", "{\"name\":\"deleted\"}");
		String key = created.text("key");

		Response deleted = this.api.adminDelete("/admin/credentials/" + key);

		assertThat(deleted.status()).isEqualTo(204);
		assertThat(this.api.adminGet("/admin/credentials/" + key).code()).isEqualTo("credential_not_found");
		assertThat(this.api.adminDelete("/admin/credentials/" + key).status()).isEqualTo(404);
		Response issued = this.api.post("/token",
				"{\"key\":\"" + key + "\",\"secret\":\"" + created.text("secret") + "\"}");
		assertThat(issued.code()).isEqualTo("invalid_credentials");
	}

	@Test
	void changeStatusWhenKeyUnknownThenNotFound() {
		Response response = this.api.adminPost("/admin/credentials/no-such-key/disable", "");

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.code()).isEqualTo("credential_not_found");
	}

	@Test
	void adminCallWhenTokenWrongOrMissingThenUnauthorized() {
		String[] headers = { "Bearer wrong-token", "Bearer " + ApiClient.ADMIN_TOKEN + "x",
				"Basic " + ApiClient.ADMIN_TOKEN, ApiClient.ADMIN_TOKEN, "Bearer " };

		for (String header : headers) {
			Response response = this.api
				.send(this.api.request("/admin/credentials").header("Authorization", header).GET());
			assertThat(response.status()).as(header).isEqualTo(401);
			assertThat(response.code()).as(header).isEqualTo("admin_token_invalid");
			assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
		}
		Response missing = this.api.send(this.api.request("/admin/credentials")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}")));
		assertThat(missing.status()).isEqualTo(401);
	}

	@Test
	void apiDocsDescribeEveryEndpointAndAdminScheme() {
		Response docs = this.api.send(this.api.request("/v3/api-docs").GET());

		assertThat(docs.status()).isEqualTo(200);
		JsonNode paths = docs.json().get("paths");
		assertThat(paths.has("/token")).isTrue();
		assertThat(paths.has("/token/refresh")).isTrue();
		assertThat(paths.has("/admin/credentials")).isTrue();
		assertThat(paths.has("/admin/credentials/{key}")).isTrue();
		assertThat(paths.has("/admin/credentials/{key}/disable")).isTrue();
		assertThat(paths.has("/admin/credentials/{key}/revoke-tokens")).isTrue();
		assertThat(paths.has("/admin/credentials/{key}/rotate")).isTrue();
		assertThat(paths.get("/admin/credentials/{key}").has("patch")).isTrue();
		assertThat(paths.has("/admin/credentials/import")).isTrue();
		assertThat(paths.has("/admin/master-key/reencrypt")).isTrue();
		assertThat(paths.has("/admin/audit")).isTrue();
		assertThat(paths.get("/token").get("post").get("responses").get("403").toString())
			.contains("credential_expired");
		assertThat(paths.has("/error")).isFalse();
		assertThat(paths.get("/token").get("post").get("responses").has("401")).isTrue();
		assertThat(paths.get("/admin/credentials").get("post").get("responses").has("201")).isTrue();
		assertThat(paths.get("/admin/credentials").get("post").get("responses").has("200")).isFalse();
		assertThat(docs.json().get("components").get("schemas").has("FieldViolation")).isTrue();
		assertThat(docs.json().get("components").get("securitySchemes").get("adminToken").get("scheme").asString())
			.isEqualTo("bearer");
		Response ui = this.api.send(this.api.request("/swagger-ui/index.html").GET());
		assertThat(ui.status()).isEqualTo(200);
	}

	@Test
	void apiDocsWhenSchemaReferencedThenDefined() {
		JsonNode docs = this.api.send(this.api.request("/v3/api-docs").GET()).json();
		List<String> references = new ArrayList<>();

		collectReferences(docs, references);

		JsonNode schemas = docs.get("components").get("schemas");
		assertThat(references).contains("#/components/schemas/FieldViolation");
		assertThat(references)
			.allSatisfy((reference) -> assertThat(schemas.has(reference.substring("#/components/schemas/".length())))
				.as(reference)
				.isTrue());
	}

	private static void collectReferences(JsonNode node, List<String> references) {
		JsonNode reference = node.get("$ref");
		if (reference != null && reference.isString()) {
			references.add(reference.asString());
		}
		for (JsonNode child : node) {
			collectReferences(child, references);
		}
	}

}
