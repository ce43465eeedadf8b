package io.authtoken.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.authtoken.support.ApiClient;
import io.authtoken.support.ApiClient.Response;
import io.authtoken.support.MutableClock;
import io.authtoken.support.RunningService;
import io.authtoken.support.TestPostgres;
import io.authtoken.support.TestDirectories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two service instances on two ports share one real PostgreSQL, as behind a load
 * balancer, and must behave as one: a single successor per token, reuse detection and
 * revocation seen by both, and a disabled credential rejected by both within the cache
 * bound.
 */
class TwoInstanceTests {

	private static final Duration CACHE_TTL = Duration.ofSeconds(1);

	private static final MutableClock clock = new MutableClock(Instant.parse("2026-07-01T08:00:00Z"));

	private static RunningService first;

	private static RunningService second;

	@BeforeAll
	static void startInstances() throws Exception {
		AeadConfig.register();
		String masterKey = TinkJsonProtoKeysetFormat.serializeKeyset(
				KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), InsecureSecretKeyAccess.get());
		String url = TestPostgres.createDatabase();
		first = start(url, masterKey);
		second = start(url, masterKey);
	}

	private static RunningService start(String url, String masterKey) throws Exception {
		return RunningService.start(clock, "spring.datasource.url=" + url, "spring.datasource.username=postgres",
				"spring.datasource.password=", "authtoken.master-key=" + masterKey,
				"authtoken.credentials.cache-ttl=" + CACHE_TTL,
				"authtoken.data-dir=" + TestDirectories.create("authtoken-two-"));
	}

	@AfterAll
	static void stopInstances() {
		first.close();
		second.close();
	}

	@Test
	void refreshWhenRacedAcrossInstancesThenOneSuccessorForAll() throws Exception {
		Credential credential = createCredential(first.api());
		String token = issue(second.api(), credential).text("token");

		List<Response> responses = refreshOnBoth(token, 20);

		assertThat(responses).allSatisfy((response) -> assertThat(response.status()).isEqualTo(200));
		assertThat(responses.stream().map((response) -> response.text("token")).distinct()).hasSize(1);
	}

	@Test
	void refreshWhenReusedAfterGraceOnOneInstanceThenChainRevokedOnBoth() {
		Credential credential = createCredential(first.api());
		String original = issue(first.api(), credential).text("token");
		String successor = refresh(first.api(), original).text("token");
		String newest = refresh(second.api(), successor).text("token");

		clock.advance(Duration.ofSeconds(31));
		Response replay = refresh(second.api(), original);
		Response newestOnFirst = refresh(first.api(), newest);
		Response newestOnSecond = refresh(second.api(), newest);

		assertThat(replay.code()).isEqualTo("token_reused");
		assertThat(newestOnFirst.status()).isEqualTo(401);
		assertThat(newestOnFirst.code()).isEqualTo("token_reused");
		assertThat(newestOnSecond.code()).isEqualTo("token_reused");
	}

	@Test
	void revokeTokensOnOneInstanceThenSeenAtOnceByTheOther() {
		Credential credential = createCredential(first.api());
		String token = issue(first.api(), credential).text("token");
		clock.advance(Duration.ofSeconds(2));

		Response revoked = second.api().adminPost("/admin/credentials/" + credential.key() + "/revoke-tokens", "");
		Response refreshed = refresh(first.api(), token);

		assertThat(revoked.status()).isEqualTo(200);
		assertThat(refreshed.status()).isEqualTo(401);
		assertThat(refreshed.code()).isEqualTo("token_revoked");
	}

	@Test
	void disableOnOneInstanceThenOtherStopsIssuingWithinCacheTtl() throws Exception {
		Credential credential = createCredential(first.api());
		assertThat(issue(second.api(), credential).status()).isEqualTo(200);

		first.api().adminPost("/admin/credentials/" + credential.key() + "/disable", "");
		Thread.sleep(CACHE_TTL.toMillis() + 200);
		Response onSecond = second.api().post("/token", body(credential));

		assertThat(first.api().post("/token", body(credential)).code()).isEqualTo("credential_disabled");
		assertThat(onSecond.status()).isEqualTo(403);
		assertThat(onSecond.code()).isEqualTo("credential_disabled");
	}

	@Test
	void lockoutCountsFailuresFromBothInstancesAndHoldsOnBoth() throws Exception {
		Credential credential = createCredential(first.api());
		Credential wrong = new Credential(credential.key(), credential.secret() + "-wrong");
		for (int i = 0; i < 5; i++) {
			assertThat(first.api().post("/token", body(wrong)).code()).isEqualTo("invalid_credentials");
			assertThat(second.api().post("/token", body(wrong)).code()).isEqualTo("invalid_credentials");
		}

		// Each instance counted 5, under the limit. Their sum reaches it once both have
		// saved their counts, within about two synchronization intervals.
		Response onFirst = awaitLockout(first.api(), credential);
		Response onSecond = awaitLockout(second.api(), credential);

		assertThat(onFirst.status()).isEqualTo(429);
		assertThat(onFirst.code()).isEqualTo("too_many_attempts");
		assertThat(onSecond.status()).isEqualTo(429);
		assertThat(onSecond.code()).isEqualTo("too_many_attempts");
	}

	/**
	 * Sends the right secret until the response is a lockout, for at most 5 seconds.
	 */
	private static Response awaitLockout(ApiClient api, Credential credential) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		Response response = api.post("/token", body(credential));
		while (response.status() != 429 && System.nanoTime() < deadline) {
			Thread.sleep(100);
			response = api.post("/token", body(credential));
		}
		return response;
	}

	private static List<Response> refreshOnBoth(String token, int requests) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(requests);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Response>> futures = new ArrayList<>();
		for (int i = 0; i < requests; i++) {
			ApiClient api = (i % 2 == 0) ? first.api() : second.api();
			futures.add(executor.submit(() -> {
				start.await();
				return refresh(api, token);
			}));
		}
		start.countDown();
		List<Response> responses = new ArrayList<>();
		for (Future<Response> future : futures) {
			responses.add(future.get());
		}
		executor.shutdown();
		return responses;
	}

	private static Credential createCredential(ApiClient api) {
		Response created = api.adminPost("/admin/credentials", "{\"name\":\"two-instances\"}");
		assertThat(created.status()).isEqualTo(201);
		return new Credential(created.text("key"), created.text("secret"));
	}

	private static Response issue(ApiClient api, Credential credential) {
		Response issued = api.post("/token", body(credential));
		assertThat(issued.status()).isEqualTo(200);
		return issued;
	}

	private static String body(Credential credential) {
		return "{\"key\":\"" + credential.key() + "\",\"secret\":\"" + credential.secret() + "\"}";
	}

	private static Response refresh(ApiClient api, String token) {
		return api.post("/token/refresh", "{\"token\":\"" + token + "\"}");
	}

	private record Credential(String key, String secret) {

	}

}
