package io.authtoken.api;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
 * Chains of refreshed tokens: the reuse grace period, reuse detection, the maximum chain
 * age and revocation, on the embedded H2 database with a clock the tests move.
 */
class RefreshChainTests {

	private static final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T08:00:00Z"));

	private static RunningService service;

	private static ApiClient api;

	@BeforeAll
	static void startService() throws IOException {
		String dataDir = TestDirectories.create("authtoken-chain-");
		service = RunningService.start(clock, "authtoken.data-dir=" + dataDir);
		api = service.api();
	}

	@AfterAll
	static void stopService() {
		service.close();
	}

	@Test
	void refreshWhenRepeatedWithinGraceThenSameSuccessorByteForByte() {
		Credential credential = createCredential();
		String token = issue(credential).text("token");
		String successor = refresh(token).text("token");

		clock.advance(Duration.ofSeconds(29));
		Response retry = refresh(token);

		assertThat(retry.status()).isEqualTo(200);
		assertThat(retry.text("token")).isEqualTo(successor);
	}

	@Test
	void refreshWhenTwentyConcurrentThenAllGetOneIdenticalToken() throws Exception {
		Credential credential = createCredential();
		String token = issue(credential).text("token");
		int threads = 20;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Response>> futures = new ArrayList<>();

		for (int i = 0; i < threads; i++) {
			futures.add(executor.submit(() -> {
				start.await();
				return refresh(token);
			}));
		}
		start.countDown();
		List<Response> responses = new ArrayList<>();
		for (Future<Response> future : futures) {
			responses.add(future.get());
		}
		executor.shutdown();

		assertThat(responses).allSatisfy((response) -> assertThat(response.status()).isEqualTo(200));
		assertThat(responses.stream().map((response) -> response.text("token")).distinct()).hasSize(1);
	}

	@Test
	void refreshWhenRepeatedAfterGraceThenReusedAndWholeChainRevoked() {
		Credential credential = createCredential();
		String first = issue(credential).text("token");
		String second = refresh(first).text("token");
		String third = refresh(second).text("token");

		clock.advance(Duration.ofSeconds(31));
		Response replay = refresh(first);
		Response newest = refresh(third);
		Response middle = refresh(second);

		assertThat(replay.status()).isEqualTo(401);
		assertThat(replay.code()).isEqualTo("token_reused");
		assertThat(newest.status()).isEqualTo(401);
		assertThat(newest.code()).isEqualTo("token_reused");
		assertThat(middle.code()).isEqualTo("token_reused");
		Response freshChain = refresh(issue(credential).text("token"));
		assertThat(freshChain.status()).isEqualTo(200);
	}

	@Test
	void refreshWhenGraceRetryThenNormalRefreshContinuesChain() throws Exception {
		Credential credential = createCredential();
		String first = issue(credential).text("token");
		String second = refresh(first).text("token");
		clock.advance(Duration.ofSeconds(5));
		assertThat(refresh(first).text("token")).isEqualTo(second);

		clock.advance(Duration.ofSeconds(60));
		Response third = refresh(second);

		assertThat(third.status()).isEqualTo(200);
		JWTClaimsSet firstClaims = SignedJWT.parse(first).getJWTClaimsSet();
		JWTClaimsSet thirdClaims = SignedJWT.parse(third.text("token")).getJWTClaimsSet();
		assertThat(thirdClaims.getStringClaim("sid")).isEqualTo(firstClaims.getStringClaim("sid"));
		assertThat(thirdClaims.getLongClaim("auth_time")).isEqualTo(firstClaims.getLongClaim("auth_time"));
		assertThat(thirdClaims.getJWTID()).isNotEqualTo(SignedJWT.parse(second).getJWTClaimsSet().getJWTID());
	}

	@Test
	void refreshWhenChainOlderThanMaxAgeThenRefreshWindowExpired() {
		Credential credential = createCredential();
		Instant chainStart = clock.instant();
		String token = issue(credential).text("token");
		for (int day = 1; day <= 29; day++) {
			clock.advance(Duration.ofDays(1));
			Response refreshed = refresh(token);
			assertThat(refreshed.status()).as("day %d", day).isEqualTo(200);
			token = refreshed.text("token");
		}

		clock.advance(Duration.ofHours(12));
		Response lastRefresh = refresh(token);
		clock.advance(Duration.ofHours(12).plusSeconds(1));
		Response expired = refresh(lastRefresh.text("token"));

		assertThat(Instant.parse(lastRefresh.text("refreshExpiresAt"))).isEqualTo(chainStart.plus(Duration.ofDays(30)));
		assertThat(Instant.parse(lastRefresh.text("expiresAt"))).isAfter(clock.instant().minusSeconds(43_200));
		assertThat(expired.status()).isEqualTo(401);
		assertThat(expired.code()).isEqualTo("refresh_window_expired");
		assertThat(expired.text("detail")).contains("auth_time");
	}

	@Test
	void revokeTokensThenChainsStartedBeforeAreRevokedAndNewOnesWork() {
		Credential credential = createCredential();
		String older = issue(credential).text("token");
		String olderSuccessor = refresh(older).text("token");
		clock.advance(Duration.ofSeconds(2));

		Response revoked = api.adminPost("/admin/credentials/" + credential.key() + "/revoke-tokens", "");
		clock.advance(Duration.ofSeconds(2));
		String newer = issue(credential).text("token");

		assertThat(revoked.status()).isEqualTo(200);
		assertThat(revoked.text("tokensRevokedBefore")).isNotNull();
		Response refreshOlder = refresh(olderSuccessor);
		assertThat(refreshOlder.status()).isEqualTo(401);
		assertThat(refreshOlder.code()).isEqualTo("token_revoked");
		assertThat(refresh(newer).status()).isEqualTo(200);
		assertThat(api.adminPost("/admin/credentials/no-such-key/revoke-tokens", "").code())
			.isEqualTo("credential_not_found");
	}

	@Test
	void refreshWhenExpiredButWithinWindowThenAcceptedAndAfterWindowExpired() {
		Credential credential = createCredential();
		String first = issue(credential).text("token");
		String second = issue(credential).text("token");

		clock.advance(Duration.ofHours(1).plusHours(23));
		Response withinWindow = refresh(first);
		clock.advance(Duration.ofHours(1).plusSeconds(1));
		Response afterWindow = refresh(second);

		assertThat(withinWindow.status()).isEqualTo(200);
		assertThat(afterWindow.status()).isEqualTo(401);
		assertThat(afterWindow.code()).isEqualTo("refresh_window_expired");
	}

	@Test
	void refreshWhenCredentialDeletedAndRecreatedThenOldTokensRevoked() {
		String body = "{\"name\":\"re\",\"key\":\"recreated\",\"secret\":\"a-recreated-secret-of-32-bytes!!\"}";
		api.adminPost("/admin/credentials", body);
		Credential credential = new Credential("recreated", "a-recreated-secret-of-32-bytes!!");
		String token = issue(credential).text("token");
		clock.advance(Duration.ofSeconds(2));

		api.adminDelete("/admin/credentials/recreated");
		api.adminPost("/admin/credentials", body);
		Response refreshed = refresh(token);

		assertThat(refreshed.status()).isEqualTo(401);
		assertThat(refreshed.code()).isEqualTo("token_revoked");
		clock.advance(Duration.ofSeconds(2));
		assertThat(refresh(issue(credential).text("token")).status()).isEqualTo(200);
	}

	@Test
	void importOverwriteThenTokensOfReplacedSecretNotRefreshable() {
		api.adminPost("/admin/credentials",
				"{\"name\":\"o\",\"key\":\"overwritten\",\"secret\":\"the-first-secret-of-32-bytes!!!!\"}");
		String token = issue(new Credential("overwritten", "the-first-secret-of-32-bytes!!!!")).text("token");
		clock.advance(Duration.ofSeconds(2));

		Response replaced = api.adminPost("/admin/credentials/import?overwrite=true",
				"[{\"key\":\"overwritten\",\"secret\":\"the-second-secret-of-32-bytes!!!\"}]");
		Response restored = api.adminPost("/admin/credentials/import?overwrite=true",
				"[{\"key\":\"overwritten\",\"secret\":\"the-first-secret-of-32-bytes!!!!\"}]");
		Response refreshed = refresh(token);

		assertThat(replaced.status()).isEqualTo(200);
		assertThat(restored.status()).isEqualTo(200);
		assertThat(refreshed.code()).as("a token of a secret that came back").isEqualTo("token_revoked");
	}

	private static Credential createCredential() {
		Response created = api.adminPost("/admin/credentials", "{\"name\":\"chain\"}");
		assertThat(created.status()).isEqualTo(201);
		return new Credential(created.text("key"), created.text("secret"));
	}

	private static Response issue(Credential credential) {
		Response issued = api.post("/token",
				"{\"key\":\"" + credential.key() + "\",\"secret\":\"" + credential.secret() + "\"}");
		assertThat(issued.status()).isEqualTo(200);
		return issued;
	}

	private static Response refresh(String token) {
		return api.post("/token/refresh", "{\"token\":\"" + token + "\"}");
	}

	private record Credential(String key, String secret) {

	}

}
