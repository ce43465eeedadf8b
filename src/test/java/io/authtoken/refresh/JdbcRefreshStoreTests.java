package io.authtoken.refresh;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import io.authtoken.support.TestDatabases;
import io.authtoken.support.TestDatabases.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The single-use record of refreshed tokens, on H2 and on PostgreSQL.
 */
class JdbcRefreshStoreTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	static Stream<TestDatabase> databases() {
		return TestDatabases.all();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void recordRefreshWhenFirstThenTrueAndWhenRepeatedThenFalse(TestDatabase database) {
		JdbcRefreshStore store = new JdbcRefreshStore(database.dataSource());

		boolean first = store.recordRefresh("key-1", "jti-1", NOW, NOW.plusSeconds(60));
		boolean second = store.recordRefresh("key-1", "jti-1", NOW.plusSeconds(1), NOW.plusSeconds(60));

		assertThat(first).isTrue();
		assertThat(second).isFalse();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void recordRefreshWhenSameJtiForAnotherCredentialThenIndependent(TestDatabase database) {
		JdbcRefreshStore store = new JdbcRefreshStore(database.dataSource());

		boolean first = store.recordRefresh("key-a", "shared-jti", NOW, NOW.plusSeconds(60));
		boolean other = store.recordRefresh("key-b", "shared-jti", NOW, NOW.plusSeconds(60));

		assertThat(first).isTrue();
		assertThat(other).isTrue();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void recordRefreshWhenTwentyThreadsRaceThenExactlyOneWins(TestDatabase database) throws Exception {
		JdbcRefreshStore store = new JdbcRefreshStore(database.dataSource());
		int threads = 20;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Boolean>> results = new ArrayList<>();

		for (int i = 0; i < threads; i++) {
			results.add(executor.submit(() -> {
				start.await();
				return store.recordRefresh("key-race", "jti-race", NOW, NOW.plusSeconds(60));
			}));
		}
		start.countDown();
		int wins = 0;
		for (Future<Boolean> result : results) {
			wins += result.get() ? 1 : 0;
		}
		executor.shutdown();

		assertThat(wins).isEqualTo(1);
	}

}
