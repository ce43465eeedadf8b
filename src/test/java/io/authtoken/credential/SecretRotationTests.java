package io.authtoken.credential;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.authtoken.support.ApiClient;
import io.authtoken.support.ApiClient.Response;
import io.authtoken.support.MutableClock;
import io.authtoken.support.RunningService;
import io.authtoken.support.TestDirectories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secret rotation over real HTTP, with the default overlap of one day and a clock the
 * tests move.
 */
class SecretRotationTests {

	private static final MutableClock clock = new MutableClock(Instant.parse("2026-08-01T08:00:00Z"));

	private static RunningService service;

	private static ApiClient api;

	@BeforeAll
	static void startService() {
		service = RunningService.start(clock, "authtoken.data-dir=" + TestDirectories.create("authtoken-rotation-"));
		api = service.api();
	}

	@AfterAll
	static void stopService() {
		service.close();
	}

	@Test
	void rotateThenReturnsSecretAndOverlapEnd() {
		Credential credential = createCredential();

		Response rotated = rotate(credential.key());

		assertThat(rotated.status()).isEqualTo(200);
		assertThat(rotated.text("key")).isEqualTo(credential.key());
		assertThat(rotated.text("secret")).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(credential.secret());
		assertThat(Instant.parse(rotated.text("previousSecretValidUntil")))
			.isEqualTo(clock.instant().plus(Duration.ofDays(1)));
		Response shown = api.adminGet("/admin/credentials/" + credential.key());
		assertThat(shown.text("previousSecretValidUntil")).isEqualTo(rotated.text("previousSecretValidUntil"));
		assertThat(shown.body()).doesNotContain(rotated.text("secret")).doesNotContain(credential.secret());
	}

	@Test
	void issueWhenOldOrNewSecretThenSignsWithNew() throws Exception {
		Credential credential = createCredential();
		String newSecret = rotate(credential.key()).text("secret");
		clock.advance(Duration.ofHours(23));

		Response withOld = issue(credential.key(), credential.secret());
		Response withNew = issue(credential.key(), newSecret);

		assertThat(withOld.status()).isEqualTo(200);
		assertThat(withNew.status()).isEqualTo(200);
		assertSignedWith(withOld.text("token"), newSecret);
		assertSignedWith(withNew.text("token"), newSecret);
	}

	@Test
	void refreshWhenSignedWithOldSecretThenSignsWithNew() throws Exception {
		Credential credential = createCredential();
		String oldToken = issue(credential.key(), credential.secret()).text("token");
		String newSecret = rotate(credential.key()).text("secret");
		clock.advance(Duration.ofHours(2));

		Response refreshed = refresh(oldToken);

		assertThat(refreshed.status()).isEqualTo(200);
		assertSignedWith(refreshed.text("token"), newSecret);
		assertThat(refresh(refreshed.text("token")).status()).isEqualTo(200);
	}

	@Test
	void issueAfterOverlapWhenOldSecretThenRejected() {
		Credential credential = createCredential();
		String oldToken = issue(credential.key(), credential.secret()).text("token");
		String newSecret = rotate(credential.key()).text("secret");

		clock.advance(Duration.ofDays(1));
		Response issueWithOld = issue(credential.key(), credential.secret());
		Response refreshOld = refresh(oldToken);

		assertThat(issueWithOld.status()).isEqualTo(401);
		assertThat(issueWithOld.code()).isEqualTo("invalid_credentials");
		assertThat(refreshOld.status()).isEqualTo(401);
		assertThat(refreshOld.code()).isEqualTo("invalid_token");
		assertThat(issue(credential.key(), newSecret).status()).isEqualTo(200);
		assertThat(
				api.adminGet("/admin/credentials/" + credential.key()).json().get("previousSecretValidUntil").isNull())
			.isTrue();
	}

	@Test
	void purgeAfterOverlapThenPreviousSecretDeleted() {
		Credential during = createCredential();
		Credential after = createCredential();
		rotate(after.key());
		clock.advance(Duration.ofHours(12));
		rotate(during.key());
		clock.advance(Duration.ofHours(13));

		service.bean(PreviousSecretPurgeJob.class).purge();

		assertThat(storedPreviousSecret(after.key())).isNull();
		assertThat(storedPreviousSecret(during.key())).isNotNull();
		assertThat(issue(during.key(), during.secret()).status()).isEqualTo(200);
	}

	@Test
	void rotateTwiceThenFirstSecretRejectedAtOnce() throws Exception {
		Credential credential = createCredential();
		String second = rotate(credential.key()).text("secret");
		clock.advance(Duration.ofMinutes(5));

		String third = rotate(credential.key()).text("secret");

		assertThat(issue(credential.key(), credential.secret()).code()).isEqualTo("invalid_credentials");
		assertThat(issue(credential.key(), second).status()).isEqualTo(200);
		Response withThird = issue(credential.key(), third);
		assertThat(withThird.status()).isEqualTo(200);
		assertSignedWith(withThird.text("token"), third);
	}

	@Test
	void rotateWhenKeyUnknownThenNotFound() {
		Response rotated = rotate("no-such-key");

		assertThat(rotated.status()).isEqualTo(404);
		assertThat(rotated.code()).isEqualTo("credential_not_found");
	}

	private static String storedPreviousSecret(String key) {
		return JdbcClient.create(service.bean(DataSource.class))
			.sql("SELECT previous_encrypted_secret FROM credential WHERE credential_key = ?")
			.param(key)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private static void assertSignedWith(String token, String secret) throws Exception {
		assertThat(SignedJWT.parse(token).verify(new MACVerifier(secret.getBytes(StandardCharsets.UTF_8)))).isTrue();
	}

	private static Credential createCredential() {
		Response created = api.adminPost("/admin/credentials", "{\"name\":\"rotated\"}");
		assertThat(created.status()).isEqualTo(201);
		return new Credential(created.text("key"), created.text("secret"));
	}

	private static Response rotate(String key) {
		return api.adminPost("/admin/credentials/" + key + "/rotate", "");
	}

	private static Response issue(String key, String secret) {
		return api.post("/token", "{\"key\":\"" + key + "\",\"secret\":\"" + secret + "\"}");
	}

	private static Response refresh(String token) {
		return api.post("/token/refresh", "{\"token\":\"" + token + "\"}");
	}

	private record Credential(String key, String secret) {

	}

}
