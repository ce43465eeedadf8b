package io.authtoken.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.authtoken.support.ApiClient;
import io.authtoken.support.ApiClient.Response;
import io.authtoken.support.MutableClock;
import io.authtoken.support.RunningService;
import io.authtoken.support.TestDirectories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail over real HTTP: an event for each kind of change and security event,
 * with the configured admin name as actor, read back through {@code GET /admin/audit}.
 */
class AuditTrailTests {

	private static final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));

	private static RunningService service;

	private static ApiClient api;

	@BeforeAll
	static void startService() {
		service = RunningService.start(clock, "authtoken.data-dir=" + TestDirectories.create("authtoken-audit-"),
				"authtoken.admin.name=ops-team", "authtoken.refresh.reuse-grace=PT0S");
		api = service.api();
	}

	@AfterAll
	static void stopService() {
		service.close();
	}

	@Test
	void changesThenOneEventEachByAdmin() {
		Response created = api.adminPost("/admin/credentials", "{\"name\":\"audited\"}");
		String key = created.text("key");
		String path = "/admin/credentials/" + key;

		api.adminPatch(path, "application/json", "{\"name\":\"renamed\",\"tokenTtl\":\"PT5M\"}");
		String rotatedSecret = api.adminPost(path + "/rotate", "").text("secret");
		api.adminPost(path + "/disable", "");
		api.adminPost(path + "/enable", "");
		api.adminPost(path + "/revoke-tokens", "");
		api.adminDelete(path);
		Response events = api.adminGet("/admin/audit?key=" + key);

		assertThat(events.status()).isEqualTo(200);
		assertThat(types(events)).containsExactly("credential_created", "credential_updated", "secret_rotated",
				"credential_disabled", "credential_enabled", "tokens_revoked", "credential_deleted");
		for (JsonNode event : events.json().get("items")) {
			assertThat(event.get("actor").asString()).isEqualTo("ops-team");
			assertThat(event.get("key").asString()).isEqualTo(key);
			assertThat(event.get("outcome").asString()).isEqualTo("success");
			assertThat(event.get("occurredAt").asString()).isEqualTo(clock.instant().toString());
		}
		assertThat(events.json().get("items").get(1).get("detail").asString()).isEqualTo("changed name, tokenTtl");
		assertThat(events.body()).doesNotContain(created.text("secret")).doesNotContain(rotatedSecret);
	}

	@Test
	void importThenImportedEventsWithOutcome() {
		String secret = "an-imported-secret-of-32-bytes!!";
		String entry = "[{\"key\":\"audit-import\",\"secret\":\"" + secret + "\"}]";
		api.adminPost("/admin/credentials/import", entry);
		api.adminPost("/admin/credentials/import", "[{\"key\":\"audit-import\",\"secret\":\"" + secret + "x\"}]");

		Response events = api.adminGet("/admin/audit?key=audit-import&type=credential_imported");

		assertThat(types(events)).containsExactly("credential_imported", "credential_imported");
		assertThat(events.json().get("items").get(0).get("outcome").asString()).isEqualTo("success");
		assertThat(events.json().get("items").get(1).get("outcome").asString()).isEqualTo("failure");
		assertThat(events.body()).doesNotContain(secret);
	}

	@Test
	void refreshWhenTokenReusedThenReuseEvent() {
		Response created = api.adminPost("/admin/credentials", "{\"name\":\"reused\"}");
		String key = created.text("key");
		String token = api.post("/token", "{\"key\":\"" + key + "\",\"secret\":\"" + created.text("secret") + "\"}")
			.text("token");
		api.post("/token/refresh", "{\"token\":\"" + token + "\"}");

		clock.advance(Duration.ofSeconds(1));
		Response reused = api.post("/token/refresh", "{\"token\":\"" + token + "\"}");
		Response events = api.adminGet("/admin/audit?key=" + key + "&type=token_reuse_detected");

		assertThat(reused.code()).isEqualTo("token_reused");
		JsonNode event = events.json().get("items").get(0);
		assertThat(events.json().get("items")).hasSize(1);
		assertThat(event.get("actor").asString()).isEqualTo("system");
		assertThat(event.get("outcome").asString()).isEqualTo("denied");
		assertThat(event.get("detail").asString()).contains("revoked chain");
		assertThat(events.body()).doesNotContain(token).doesNotContain(token.split("\\.")[2]);
	}

	@Test
	void recordLockoutThenEventNamesClient() {
		service.bean(AuditLog.class).recordLockout("locked-key", "192.0.2.7", Duration.ofMinutes(15));

		Response events = api.adminGet("/admin/audit?type=lockout&key=locked-key");

		JsonNode event = events.json().get("items").get(0);
		assertThat(event.get("actor").asString()).isEqualTo("system");
		assertThat(event.get("outcome").asString()).isEqualTo("denied");
		assertThat(event.get("detail").asString()).contains("192.0.2.7").contains("PT15M");
	}

	@Test
	void listFiltersBySinceAndPagesOldestFirst() {
		clock.advance(Duration.ofDays(1));
		Instant since = clock.instant();
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			keys.add(api.adminPost("/admin/credentials", "{\"name\":\"paged-" + i + "\"}").text("key"));
			clock.advance(Duration.ofSeconds(1));
		}

		Response first = api.adminGet("/admin/audit?type=credential_created&since=" + since + "&size=2");
		Response second = api.adminGet("/admin/audit?type=credential_created&since=" + since + "&size=2&page=1");

		// Tests that run later add events after these, never before them.
		assertThat(first.json().get("totalItems").asLong()).isGreaterThanOrEqualTo(3);
		assertThat(first.json().get("totalPages").asLong()).isGreaterThanOrEqualTo(2);
		assertThat(eventKeys(first)).containsExactly(keys.get(0), keys.get(1));
		assertThat(eventKeys(second)).startsWith(keys.get(2));
	}

	@Test
	void listWhenParametersInvalidThenBadRequest() {
		String[][] cases = { { "type=credential_exploded", "type" }, { "since=yesterday", "since" },
				{ "since=%2B10000-01-01T00:00:00Z", "since" }, { "size=201", "size" }, { "page=-1", "page" } };

		for (String[] testCase : cases) {
			Response response = api.adminGet("/admin/audit?" + testCase[0]);
			assertThat(response.status()).as(testCase[0]).isEqualTo(400);
			assertThat(response.code()).as(testCase[0]).isEqualTo("invalid_request");
			assertThat(response.json().get("errors").get(0).get("field").asString()).as(testCase[0])
				.isEqualTo(testCase[1]);
		}
	}

	@Test
	void listWhenAdminTokenMissingThenUnauthorized() {
		Response response = api.send(api.request("/admin/audit").GET());

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.code()).isEqualTo("admin_token_invalid");
	}

	private static List<String> types(Response events) {
		List<String> types = new ArrayList<>();
		events.json().get("items").forEach((event) -> types.add(event.get("type").asString()));
		return types;
	}

	private static List<String> eventKeys(Response events) {
		List<String> keys = new ArrayList<>();
		events.json().get("items").forEach((event) -> keys.add(event.get("key").asString()));
		return keys;
	}

}
