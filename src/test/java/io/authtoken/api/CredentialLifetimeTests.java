package io.authtoken.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.authtoken.support.ApiClient;
import io.authtoken.support.ApiClient.Response;
import io.authtoken.support.MutableClock;
import io.authtoken.support.RunningService;
import io.authtoken.support.TestDirectories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-credential expiry and token lifetime, set at creation or with PATCH, over real HTTP
 * with a clock the tests move. The maximum token lifetime is two hours here.
 */
class CredentialLifetimeTests {

	private static final MutableClock clock = new MutableClock(Instant.parse("2026-10-01T08:00:00Z"));

	private static RunningService service;

	private static ApiClient api;

	@BeforeAll
	static void startService() {
		service = RunningService.start(clock, "authtoken.data-dir=" + TestDirectories.create("authtoken-lifetime-"),
				"authtoken.token.max-ttl=PT2H");
		api = service.api();
	}

	@AfterAll
	static void stopService() {
		service.close();
	}

	@Test
	void issueWhenCredentialExpiredThenForbidden() {
		Instant expiresAt = clock.instant().plus(Duration.ofHours(1));
		Credential credential = create("{\"name\":\"expiring\",\"expiresAt\":\"" + expiresAt + "\"}");
		String token = issue(credential).text("token");
		assertThat(api.adminGet("/admin/credentials/" + credential.key()).text("expiresAt"))
			.isEqualTo(expiresAt.toString());

		clock.advance(Duration.ofHours(1));
		Response issued = issue(credential);
		Response refreshed = refresh(token);

		assertThat(issued.status()).isEqualTo(403);
		assertThat(issued.code()).isEqualTo("credential_expired");
		assertThat(refreshed.status()).isEqualTo(403);
		assertThat(refreshed.code()).isEqualTo("credential_expired");
	}

	@Test
	void issueWhenExpiredAndSecretWrongThenUnauthorized() {
		Credential credential = create(
				"{\"name\":\"expired\",\"expiresAt\":\"" + clock.instant().minusSeconds(1) + "\"}");

		Response issued = issue(new Credential(credential.key(), credential.secret() + "x"));

		assertThat(issued.code()).isEqualTo("invalid_credentials");
	}

	@Test
	void tokenEndsNoLaterThanCredential() throws Exception {
		Instant expiresAt = clock.instant().plus(Duration.ofMinutes(10));
		Credential credential = create("{\"name\":\"ending-soon\",\"expiresAt\":\"" + expiresAt + "\"}");

		Response issued = issue(credential);
		clock.advance(Duration.ofMinutes(4));
		Response refreshed = refresh(issued.text("token"));

		assertThat(lifetime(issued.text("token"))).isEqualTo(600);
		assertThat(issued.json().get("expiresIn").asLong()).isEqualTo(600);
		assertThat(issued.text("expiresAt")).isEqualTo(expiresAt.toString());
		assertThat(issued.text("refreshExpiresAt")).isEqualTo(expiresAt.toString());
		assertThat(lifetime(refreshed.text("token"))).isEqualTo(360);
		assertThat(refreshed.json().get("expiresIn").asLong()).isEqualTo(360);
		assertThat(refreshed.text("refreshExpiresAt")).isEqualTo(expiresAt.toString());
	}

	@Test
	void credentialEndingThisSecondIssuesNothing() {
		Instant expiresAt = clock.instant().plusMillis(500);
		Credential credential = create("{\"name\":\"ending-now\",\"expiresAt\":\"" + expiresAt + "\"}");

		Response issued = issue(credential);

		assertThat(issued.status()).isEqualTo(403);
		assertThat(issued.code()).isEqualTo("credential_expired");
	}

	@Test
	void refreshExpiresAtInWholeSeconds() {
		Instant expiresAt = clock.instant().plusSeconds(600).plusMillis(900);
		Credential credential = create("{\"name\":\"fractional\",\"expiresAt\":\"" + expiresAt + "\"}");

		Response issued = issue(credential);

		assertThat(issued.text("expiresAt")).isEqualTo(clock.instant().plusSeconds(600).toString());
		assertThat(issued.text("refreshExpiresAt")).isEqualTo(clock.instant().plusSeconds(600).toString());
	}

	@Test
	void issueWhenTokenTtlSetThenExpUsesIt() throws Exception {
		Credential credential = create("{\"name\":\"short-lived\",\"tokenTtl\":\"PT5M\"}");

		Response issued = issue(credential);
		Response refreshed = refresh(issued.text("token"));

		assertThat(issued.json().get("expiresIn").asLong()).isEqualTo(300);
		assertThat(lifetime(issued.text("token"))).isEqualTo(300);
		assertThat(lifetime(refreshed.text("token"))).isEqualTo(300);
		assertThat(api.adminGet("/admin/credentials/" + credential.key()).text("tokenTtl")).isEqualTo("PT5M");
	}

	@Test
	void createWhenLifetimeInvalidThenBadRequest() {
		String[][] cases = { { "{\"name\":\"n\",\"tokenTtl\":\"PT2H1S\"}", "tokenTtl" },
				{ "{\"name\":\"n\",\"tokenTtl\":\"PT0S\"}", "tokenTtl" },
				{ "{\"name\":\"n\",\"tokenTtl\":\"PT0.5S\"}", "tokenTtl" },
				{ "{\"name\":\"n\",\"tokenTtl\":\"one hour\"}", "tokenTtl" },
				{ "{\"name\":\"n\",\"tokenTtl\":3600}", "tokenTtl" },
				{ "{\"name\":\"n\",\"expiresAt\":\"tomorrow\"}", "expiresAt" },
				{ "{\"name\":\"n\",\"expiresAt\":\"+10000-01-01T00:00:00Z\"}", "expiresAt" },
				{ "{\"name\":\"n\",\"expiresAt\":1767225600}", "expiresAt" } };

		for (String[] testCase : cases) {
			Response response = api.adminPost("/admin/credentials", testCase[0]);
			assertThat(response.status()).as(testCase[0]).isEqualTo(400);
			assertThat(response.code()).as(testCase[0]).isEqualTo("invalid_request");
			assertThat(response.json().get("errors").get(0).get("field").asString()).as(testCase[0])
				.isEqualTo(testCase[1]);
		}
	}

	@Test
	void patchThenChangesOnlyNamedFields() throws Exception {
		Credential credential = create("{\"name\":\"before\",\"tokenTtl\":\"PT5M\"}");
		Instant expiresAt = clock.instant().plus(Duration.ofDays(30));

		Response patched = api.adminPatch("/admin/credentials/" + credential.key(), "application/merge-patch+json",
				"{\"name\":\"after\",\"expiresAt\":\"" + expiresAt + "\",\"tokenTtl\":\"PT10M\"}");

		assertThat(patched.status()).isEqualTo(200);
		assertThat(patched.text("name")).isEqualTo("after");
		assertThat(patched.text("tokenFormat")).isEqualTo("standard");
		assertThat(patched.text("expiresAt")).isEqualTo(expiresAt.toString());
		assertThat(patched.text("tokenTtl")).isEqualTo("PT10M");
		assertThat(lifetime(issue(credential).text("token"))).isEqualTo(600);
	}

	@Test
	void patchWhenNullThenExpiryAndTokenTtlRemoved() throws Exception {
		Credential credential = create(
				"{\"name\":\"n\",\"tokenTtl\":\"PT5M\",\"expiresAt\":\"" + clock.instant().plusSeconds(60) + "\"}");

		Response patched = api.adminPatch("/admin/credentials/" + credential.key(), "application/json",
				"{\"expiresAt\":null,\"tokenTtl\":null}");
		clock.advance(Duration.ofMinutes(2));

		assertThat(patched.status()).isEqualTo(200);
		assertThat(patched.json().get("expiresAt").isNull()).isTrue();
		assertThat(patched.json().get("tokenTtl").isNull()).isTrue();
		Response issued = issue(credential);
		assertThat(issued.status()).isEqualTo(200);
		assertThat(lifetime(issued.text("token"))).isEqualTo(3600);
	}

	@Test
	void patchWhenTokenFormatLegacyThenLegacyTokens() {
		Credential credential = create("{\"name\":\"n\"}");

		Response patched = api.adminPatch("/admin/credentials/" + credential.key(), "application/json",
				"{\"tokenFormat\":\"legacy\"}");

		assertThat(patched.text("tokenFormat")).isEqualTo("legacy");
		assertThat(issue(credential).json().get("expiresAt").isNull()).isTrue();
	}

	@Test
	void patchWhenBodyInvalidThenBadRequest() {
		Credential credential = create("{\"name\":\"n\"}");
		String[][] cases = { { "{\"secret\":\"a-new-secret-of-more-than-32-bytes\"}", "secret" },
				{ "{\"status\":\"disabled\"}", "status" }, { "{\"name\":null}", "name" }, { "{\"name\":\"\"}", "name" },
				{ "{\"name\":7}", "name" }, { "{\"tokenFormat\":\"jwe\"}", "tokenFormat" },
				{ "{\"tokenFormat\":null}", "tokenFormat" }, { "{\"tokenTtl\":\"P1D\"}", "tokenTtl" },
				{ "{\"expiresAt\":\"soon\"}", "expiresAt" } };

		for (String[] testCase : cases) {
			Response response = api.adminPatch("/admin/credentials/" + credential.key(), "application/json",
					testCase[0]);
			assertThat(response.status()).as(testCase[0]).isEqualTo(400);
			assertThat(response.code()).as(testCase[0]).isEqualTo("invalid_request");
			assertThat(response.json().get("errors").get(0).get("field").asString()).as(testCase[0])
				.isEqualTo(testCase[1]);
			assertThat(response.body()).as(testCase[0]).doesNotContain("a-new-secret");
		}
		for (String body : new String[] { "[]", "null", "\"name\"" }) {
			Response response = api.adminPatch("/admin/credentials/" + credential.key(), "application/json", body);
			assertThat(response.status()).as(body).isEqualTo(400);
			assertThat(response.code()).as(body).isEqualTo("invalid_request");
		}
	}

	@Test
	void patchWhenKeyUnknownOrMediaTypeWrongThenProblem() {
		Response unknown = api.adminPatch("/admin/credentials/no-such-key", "application/json", "{\"name\":\"n\"}");
		Response textPlain = api.adminPatch("/admin/credentials/no-such-key", "text/plain", "{\"name\":\"n\"}");

		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.code()).isEqualTo("credential_not_found");
		assertThat(textPlain.status()).isEqualTo(415);
		assertThat(textPlain.code()).isEqualTo("unsupported_media_type");
	}

	@Test
	void listFiltersByStatusAndNamePrefix() {
		String prefix = "filter_%\\" + clock.instant().getEpochSecond();
		Credential first = create("{\"name\":" + ApiClient.quote(prefix + "-a") + "}");
		clock.advance(Duration.ofSeconds(1));
		Credential second = create("{\"name\":" + ApiClient.quote(prefix + "-b") + "}");
		clock.advance(Duration.ofSeconds(1));
		Credential third = create("{\"name\":" + ApiClient.quote(prefix + "-c") + "}");
		create("{\"name\":\"filterX-other\"}");
		api.adminPost("/admin/credentials/" + second.key() + "/disable", "");
		String encoded = URLEncoder.encode(prefix, StandardCharsets.UTF_8);

		Response all = api.adminGet("/admin/credentials?namePrefix=" + encoded);
		Response active = api.adminGet("/admin/credentials?status=active&namePrefix=" + encoded);
		Response disabled = api.adminGet("/admin/credentials?status=disabled&namePrefix=" + encoded + "&size=1");

		assertThat(keys(all)).containsExactly(first.key(), second.key(), third.key());
		assertThat(all.json().get("totalItems").asLong()).isEqualTo(3);
		assertThat(keys(active)).containsExactly(first.key(), third.key());
		assertThat(keys(disabled)).containsExactly(second.key());
		assertThat(disabled.json().get("totalPages").asLong()).isEqualTo(1);
	}

	@Test
	void listWhenFilterInvalidThenBadRequest() {
		Response status = api.adminGet("/admin/credentials?status=expired");
		Response prefix = api.adminGet("/admin/credentials?namePrefix=" + "n".repeat(201));

		assertThat(status.status()).isEqualTo(400);
		assertThat(status.json().get("errors").get(0).get("field").asString()).isEqualTo("status");
		assertThat(prefix.status()).isEqualTo(400);
		assertThat(prefix.json().get("errors").get(0).get("field").asString()).isEqualTo("namePrefix");
	}

	private static List<String> keys(Response page) {
		List<String> keys = new ArrayList<>();
		page.json().get("items").forEach((item) -> keys.add(item.get("key").asString()));
		return keys;
	}

	private static long lifetime(String token) throws Exception {
		JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
		return (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000;
	}

	private static Credential create(String body) {
		Response created = api.adminPost("/admin/credentials", body);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return new Credential(created.text("key"), created.text("secret"));
	}

	private static Response issue(Credential credential) {
		return api.post("/token", "{\"key\":\"" + credential.key() + "\",\"secret\":\"" + credential.secret() + "\"}");
	}

	private static Response refresh(String token) {
		return api.post("/token/refresh", "{\"token\":\"" + token + "\"}");
	}

	private record Credential(String key, String secret) {

	}

}
