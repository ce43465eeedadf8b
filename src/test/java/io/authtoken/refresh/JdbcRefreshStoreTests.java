package io.authtoken.refresh;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import io.authtoken.support.TestDatabases;
import io.authtoken.support.TestDatabases.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The refresh and revocation records, on H2 and on PostgreSQL.
 */
class JdbcRefreshStoreTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	static Stream<TestDatabase> databases() {
		return TestDatabases.all();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void recordRefreshWhenFirstThenEmptyAndWhenRepeatedThenEarlierRecord(TestDatabase database) {
		JdbcRefreshStore store = new JdbcRefreshStore(database.dataSource());
		RefreshRecord first = record("key-1", "jti-1", "successor-1", NOW);

		Optional<RefreshRecord> firstResult = store.recordRefresh(first);
		Optional<RefreshRecord> secondResult = store
			.recordRefresh(record("key-1", "jti-1", "successor-2", NOW.plusSeconds(1)));

		assertThat(firstResult).isEmpty();
		assertThat(secondResult).contains(first);
	}

	@ParameterizedTest
	@MethodSource("databases")
	void recordRefreshWhenSameJtiForAnotherCredentialThenIndependent(TestDatabase database) {
		JdbcRefreshStore store = new JdbcRefreshStore(database.dataSource());

		Optional<RefreshRecord> first = store.recordRefresh(record("key-a", "shared-jti", "s-a", NOW));
		Optional<RefreshRecord> other = store.recordRefresh(record("key-b", "shared-jti", "s-b", NOW));

		assertThat(first).isEmpty();
		assertThat(other).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void recordRefreshWhenTwentyThreadsRaceThenOneWinsAndAllSeeItsSuccessor(TestDatabase database) throws Exception {
		JdbcRefreshStore store = new JdbcRefreshStore(database.dataSource());
		int threads = 20;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Optional<RefreshRecord>>> results = new ArrayList<>();

		for (int i = 0; i < threads; i++) {
			String successor = "successor-" + i;
			results.add(executor.submit(() -> {
				start.await();
				return store.recordRefresh(record("key-race", "jti-race", successor, NOW));
			}));
		}
		start.countDown();
		List<Optional<RefreshRecord>> outcomes = new ArrayList<>();
		for (Future<Optional<RefreshRecord>> result : results) {
			outcomes.add(result.get());
		}
		executor.shutdown();

		assertThat(outcomes).filteredOn(Optional::isEmpty).hasSize(1);
		assertThat(outcomes.stream().flatMap(Optional::stream).map(RefreshRecord::successorJti).distinct()).hasSize(1);
	}

	@ParameterizedTest
	@MethodSource("databases")
	void revokeChainWhenRepeatedThenStillOneRevocation(TestDatabase database) {
		JdbcRefreshStore store = new JdbcRefreshStore(database.dataSource());

		store.revokeChain("key-1", "chain-1", NOW, NOW.plusSeconds(60));
		store.revokeChain("key-1", "chain-1", NOW.plusSeconds(1), NOW.plusSeconds(60));

		assertThat(store.findRevocation("key-1", "chain-1").chainRevoked()).isTrue();
		assertThat(store.findRevocation("key-1", "chain-2").chainRevoked()).isFalse();
		assertThat(store.findRevocation("key-2", "chain-1").chainRevoked()).isFalse();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void findRevocationReadsCredentialCutOff(TestDatabase database) {
		JdbcRefreshStore store = new JdbcRefreshStore(database.dataSource());
		JdbcClient jdbc = JdbcClient.create(database.dataSource());
		jdbc.sql("INSERT INTO credential (credential_key, name, status, token_format, encrypted_secret, created_at, "
				+ "updated_at, tokens_revoked_before) VALUES ('revoked', 'n', 'active', 'standard', 'x', ?, ?, ?)")
			.params(NOW.atOffset(java.time.ZoneOffset.UTC), NOW.atOffset(java.time.ZoneOffset.UTC),
					NOW.plusSeconds(30).atOffset(java.time.ZoneOffset.UTC))
			.update();

		assertThat(store.findRevocation("revoked", "any").tokensRevokedBefore()).isEqualTo(NOW.plusSeconds(30));
		assertThat(store.findRevocation("unknown", "any").tokensRevokedBefore()).isNull();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void purgeExpiredDeletesOnlyExpiredRecords(TestDatabase database) {
		JdbcRefreshStore store = new JdbcRefreshStore(database.dataSource());
		store.recordRefresh(record("key-1", "expired", "s1", NOW.minusSeconds(120)));
		store.recordRefresh(record("key-1", "live", "s2", NOW));
		store.revokeChain("key-1", "old-chain", NOW.minusSeconds(120), NOW.minusSeconds(1));
		store.revokeChain("key-1", "live-chain", NOW, NOW.plusSeconds(60));

		int deleted = store.purgeExpired(NOW);
		int deletedAgain = store.purgeExpired(NOW);

		assertThat(deleted).isEqualTo(2);
		assertThat(deletedAgain).isZero();
		assertThat(store.recordRefresh(record("key-1", "expired", "s3", NOW))).isEmpty();
		assertThat(store.recordRefresh(record("key-1", "live", "s4", NOW))).isPresent();
		assertThat(store.findRevocation("key-1", "old-chain").chainRevoked()).isFalse();
		assertThat(store.findRevocation("key-1", "live-chain").chainRevoked()).isTrue();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void purgeExpiredWhenRunByTwoInstancesAtOnceThenEachRowDeletedOnce(TestDatabase database) throws Exception {
		JdbcRefreshStore store = new JdbcRefreshStore(database.dataSource());
		for (int i = 0; i < 200; i++) {
			store.recordRefresh(record("key-1", "expired-" + i, "s" + i, NOW.minusSeconds(120)));
		}
		ExecutorService executor = Executors.newFixedThreadPool(2);
		CountDownLatch start = new CountDownLatch(1);

		Future<Integer> firstPurge = executor.submit(() -> {
			start.await();
			return store.purgeExpired(NOW);
		});
		Future<Integer> secondPurge = executor.submit(() -> {
			start.await();
			return store.purgeExpired(NOW);
		});
		start.countDown();
		int deleted = firstPurge.get() + secondPurge.get();
		executor.shutdown();

		assertThat(deleted).isEqualTo(200);
		assertThat(store.purgeExpired(NOW)).isZero();
	}

	/**
	 * Returns the record of a refresh at {@code refreshedAt} that stays relevant for 60
	 * seconds after it.
	 */
	private static RefreshRecord record(String key, String jti, String successorJti, Instant refreshedAt) {
		long issuedAt = refreshedAt.getEpochSecond();
		return new RefreshRecord(key, jti, "chain-" + key, refreshedAt, refreshedAt.plusSeconds(60), successorJti,
				issuedAt, issuedAt + 3600);
	}

}
