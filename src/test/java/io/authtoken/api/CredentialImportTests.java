package io.authtoken.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.authtoken.support.ApiClient;
import io.authtoken.support.ExceptionMessages;
import io.authtoken.support.ApiClient.Response;
import io.authtoken.support.MutableClock;
import io.authtoken.support.RunningService;
import io.authtoken.support.TestDirectories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Importing credentials from a plain list and from a Kong Admin API response, through
 * {@code POST /admin/credentials/import} and through the import file read at startup.
 */
@ExtendWith(OutputCaptureExtension.class)
class CredentialImportTests {

	private static final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T08:00:00Z"));

	private static final String SECRET_A = "kong-secret-a-of-more-than-32-bytes";

	private static final String SECRET_B = "kong-secret-b-of-more-than-32-bytes";

	private static RunningService service;

	private static ApiClient api;

	@TempDir
	Path files;

	@BeforeAll
	static void startService() {
		service = RunningService.start(clock, "authtoken.data-dir=" + TestDirectories.create("authtoken-import-"));
		api = service.api();
	}

	@AfterAll
	static void stopService() {
		service.close();
	}

	@Test
	void importWhenPlainListThenCreatedAndUsable() {
		String body = "[" + entry("plain-1", SECRET_A, "first", "standard") + ","
				+ entry("plain-2", SECRET_B, null, "legacy") + "]";

		Response imported = api.adminPost("/admin/credentials/import", body);

		assertThat(imported.status()).isEqualTo(200);
		assertThat(imported.json().get("created").asInt()).isEqualTo(2);
		assertThat(outcomes(imported)).containsExactly("plain-1:created", "plain-2:created");
		assertThat(api.adminGet("/admin/credentials/plain-1").text("name")).isEqualTo("first");
		assertThat(api.adminGet("/admin/credentials/plain-2").text("name")).isEqualTo("plain-2");
		assertThat(api.adminGet("/admin/credentials/plain-2").text("tokenFormat")).isEqualTo("legacy");
		assertThat(issue("plain-1", SECRET_A).status()).isEqualTo(200);
		assertThat(imported.body()).doesNotContain(SECRET_A).doesNotContain(SECRET_B);
	}

	@Test
	void importWhenKongListThenSkipsNonHs256(CapturedOutput output) {
		String body = "{\"data\":[" + kongEntry("kong-hs", SECRET_A, "HS256", "consumer-1") + ","
				+ kongEntry("kong-rs", SECRET_B, "RS256", "consumer-2") + ","
				+ kongEntry("kong-default", SECRET_B, null, "consumer-3") + "],\"next\":\"/consumers/jwts?offset=x\"}";

		Response imported = api.adminPost("/admin/credentials/import", body);

		assertThat(imported.status()).isEqualTo(200);
		assertThat(outcomes(imported)).containsExactly("kong-hs:created", "kong-rs:skipped", "kong-default:created");
		assertThat(imported.json().get("skipped").asInt()).isEqualTo(1);
		assertThat(imported.json().get("entries").get(1).get("reason").asString()).contains("HS256");
		assertThat(imported.text("next")).isEqualTo("/consumers/jwts?offset=x");
		assertThat(api.adminGet("/admin/credentials/kong-hs").text("name")).isEqualTo("consumer-1");
		assertThat(api.adminGet("/admin/credentials/kong-rs").code()).isEqualTo("credential_not_found");
		assertThat(issue("kong-hs", SECRET_A).status()).isEqualTo(200);
		assertThat(output).contains("kong-rs").contains("HS256").doesNotContain(SECRET_A).doesNotContain(SECRET_B);
	}

	@Test
	void importAgainThenUnchanged() {
		String body = "[" + entry("again", SECRET_A, "again", null) + "]";
		api.adminPost("/admin/credentials/import", body);

		Response second = api.adminPost("/admin/credentials/import", body);

		assertThat(outcomes(second)).containsExactly("again:unchanged");
		assertThat(second.json().get("unchanged").asInt()).isEqualTo(1);
		assertThat(second.json().get("created").asInt()).isZero();
	}

	@Test
	void importWhenSecretDiffersThenConflictingUnlessOverwrite() {
		api.adminPost("/admin/credentials/import", "[" + entry("conflict", SECRET_A, null, null) + "]");
		String changed = "[" + entry("conflict", SECRET_B, null, null) + "]";

		Response conflicting = api.adminPost("/admin/credentials/import", changed);
		int afterConflict = issue("conflict", SECRET_A).status();
		Response overwritten = api.adminPost("/admin/credentials/import?overwrite=true", changed);

		assertThat(outcomes(conflicting)).containsExactly("conflict:conflicting");
		assertThat(conflicting.json().get("conflicting").asInt()).isEqualTo(1);
		assertThat(afterConflict).isEqualTo(200);
		assertThat(outcomes(overwritten)).containsExactly("conflict:overwritten");
		assertThat(issue("conflict", SECRET_B).status()).isEqualTo(200);
		assertThat(issue("conflict", SECRET_A).code()).isEqualTo("invalid_credentials");
	}

	@Test
	void importWhenEntriesInvalidThenSkipped() {
		String body = "[" + entry("short-secret", "too-short", null, null) + ","
				+ entry("has space", SECRET_A, null, null) + ",{\"secret\":\"" + SECRET_A + "\"},"
				+ entry("bad-format", SECRET_A, null, "jwe") + ",\"not an object\",{\"key\":\"typed\",\"secret\":42},"
				+ entry("valid-among-bad", SECRET_A, null, null) + "]";

		Response imported = api.adminPost("/admin/credentials/import", body);

		assertThat(imported.status()).isEqualTo(200);
		assertThat(outcomes(imported)).containsExactly("short-secret:skipped", "null:skipped", "null:skipped",
				"bad-format:skipped", "null:skipped", "typed:skipped", "valid-among-bad:created");
		JsonNode entries = imported.json().get("entries");
		assertThat(entries.get(0).get("reason").asString()).contains("secret");
		assertThat(entries.get(1).get("reason").asString()).contains("key");
		assertThat(entries.get(2).get("reason").asString()).contains("key is missing");
		assertThat(entries.get(3).get("reason").asString()).contains("tokenFormat");
		assertThat(entries.get(4).get("reason").asString()).contains("not a JSON object");
		assertThat(entries.get(5).get("reason").asString()).contains("secret is not a string");
		assertThat(imported.body()).doesNotContain("too-short").doesNotContain(SECRET_A);
	}

	@Test
	void importWhenBodyShapeWrongThenBadRequest() {
		for (String body : new String[] { "{}", "{\"data\":{}}", "\"text\"", "42", "null" }) {
			Response response = api.adminPost("/admin/credentials/import", body);
			assertThat(response.status()).as(body).isEqualTo(400);
			assertThat(response.code()).as(body).isEqualTo("invalid_request");
		}
	}

	@Test
	void importWhenBodyOver16KibThenAccepted() {
		List<String> entries = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			entries.add(entry("bulk-" + i, SECRET_A + "-" + i, "bulk consumer " + i, null));
		}
		String body = "[" + String.join(",", entries) + "]";

		Response imported = api.adminPost("/admin/credentials/import", body);

		assertThat(body.length()).isGreaterThan(16 * 1024);
		assertThat(imported.status()).isEqualTo(200);
		assertThat(imported.json().get("created").asInt()).isEqualTo(300);
	}

	@Test
	void importWhenBodyOverOneMibThenPayloadTooLarge() {
		String body = "[" + entry("huge", "s".repeat(1024 * 1024), null, null) + "]";

		Response imported = api.adminPost("/admin/credentials/import", body);

		assertThat(imported.status()).isEqualTo(413);
		assertThat(imported.code()).isEqualTo("payload_too_large");
	}

	@Test
	void startWhenImportFileSetThenImportsOnce() throws IOException {
		Path file = this.files.resolve("kong.json");
		Files.writeString(file, "{\"data\":[" + kongEntry("from-file", SECRET_A, "HS256", "file-consumer") + ","
				+ kongEntry("from-file-es", SECRET_B, "ES256", "file-consumer") + "],\"next\":null}");
		String dataDir = TestDirectories.create("authtoken-import-file-");

		try (RunningService first = RunningService.start(clock, "authtoken.data-dir=" + dataDir,
				"authtoken.credentials.import-file=" + file)) {
			assertThat(issue(first.api(), "from-file", SECRET_A).status()).isEqualTo(200);
			assertThat(first.api().adminGet("/admin/credentials/from-file-es").code())
				.isEqualTo("credential_not_found");
		}
		try (RunningService second = RunningService.start(clock, "authtoken.data-dir=" + dataDir,
				"authtoken.credentials.import-file=" + file)) {
			JsonNode events = second.api().adminGet("/admin/audit?type=credential_imported").json().get("items");
			assertThat(events).hasSize(1);
			assertThat(events.get(0).get("actor").asString()).isEqualTo("system");
			assertThat(events.get(0).get("key").asString()).isEqualTo("from-file");
		}
	}

	@Test
	void startWhenImportFileInvalidThenFails() throws IOException {
		Path broken = this.files.resolve("broken.json");
		Files.writeString(broken, "[{\"key\":\"k\",\"secret\":\"" + SECRET_A + "\"");
		Path missing = this.files.resolve("missing.json");

		for (Path file : new Path[] { broken, missing }) {
			assertThatException().as(file.toString())
				.isThrownBy(() -> RunningService
					.start(clock, "authtoken.data-dir=" + TestDirectories.create("authtoken-import-bad-"),
							"authtoken.credentials.import-file=" + file)
					.close())
				.satisfies((ex) -> assertThat(ExceptionMessages.of(ex)).contains("authtoken.credentials.import-file")
					.doesNotContain(SECRET_A));
		}
	}

	private static String entry(String key, String secret, String name, String tokenFormat) {
		return "{\"key\":" + ApiClient.quote(key) + ",\"secret\":" + ApiClient.quote(secret)
				+ ((name != null) ? ",\"name\":" + ApiClient.quote(name) : "")
				+ ((tokenFormat != null) ? ",\"tokenFormat\":" + ApiClient.quote(tokenFormat) : "") + "}";
	}

	/**
	 * Returns one JWT credential as the Kong Admin API lists it.
	 */
	private static String kongEntry(String key, String secret, String algorithm, String consumerId) {
		return "{\"id\":\"" + key + "-id\",\"created_at\":1700000000,\"key\":\"" + key + "\",\"secret\":\"" + secret
				+ "\"" + ((algorithm != null) ? ",\"algorithm\":\"" + algorithm + "\"" : "")
				+ ",\"rsa_public_key\":null,\"tags\":null,\"consumer\":{\"id\":\"" + consumerId + "\"}}";
	}

	private static List<String> outcomes(Response imported) {
		List<String> outcomes = new ArrayList<>();
		imported.json()
			.get("entries")
			.forEach((entry) -> outcomes.add(
					(entry.has("key") ? entry.get("key").asString() : "null") + ":" + entry.get("outcome").asString()));
		return outcomes;
	}

	private static Response issue(String key, String secret) {
		return issue(api, key, secret);
	}

	private static Response issue(ApiClient client, String key, String secret) {
		return client.post("/token",
				"{\"key\":" + ApiClient.quote(key) + ",\"secret\":" + ApiClient.quote(secret) + "}");
	}

}
