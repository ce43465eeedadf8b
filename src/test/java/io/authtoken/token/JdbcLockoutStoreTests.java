package io.authtoken.token;

import java.time.Duration;
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
 * Counting wrong secrets and recording lockouts, on H2 and on PostgreSQL.
 */
class JdbcLockoutStoreTests {

	private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

	private static final Duration WINDOW = Duration.ofMinutes(15);

	static Stream<TestDatabase> databases() {
		return TestDatabases.all();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void recordFailureCountsPerPairWithinWindow(TestDatabase database) {
		JdbcLockoutStore store = new JdbcLockoutStore(database.dataSource());

		int first = store.recordFailure("k", "10.0.0.1", NOW, WINDOW);
		int second = store.recordFailure("k", "10.0.0.1", NOW.plusSeconds(60), WINDOW);
		int otherAddress = store.recordFailure("k", "10.0.0.2", NOW.plusSeconds(60), WINDOW);
		int afterWindow = store.recordFailure("k", "10.0.0.1", NOW.plus(WINDOW).plusSeconds(1), WINDOW);

		assertThat(first).isEqualTo(1);
		assertThat(second).isEqualTo(2);
		assertThat(otherAddress).isEqualTo(1);
		assertThat(afterWindow).isEqualTo(1);
	}

	@ParameterizedTest
	@MethodSource("databases")
	void addFailuresInEveryWindowState(TestDatabase database) {
		JdbcLockoutStore store = new JdbcLockoutStore(database.dataSource());
		store.recordFailure("running", "10.0.0.1", NOW, WINDOW);
		store.recordFailure("ended", "10.0.0.1", NOW.minus(WINDOW).minusSeconds(1), WINDOW);
		store.recordFailure("locked", "10.0.0.1", NOW.minus(WINDOW).minusSeconds(1), WINDOW);
		store.lock("locked", "10.0.0.1", NOW.minusSeconds(60), NOW.plusSeconds(60));

		int[] totals = store.addFailures(List.of(new LockoutStore.Failures("new", "10.0.0.1", 4),
				new LockoutStore.Failures("running", "10.0.0.1", 3), new LockoutStore.Failures("ended", "10.0.0.1", 2),
				new LockoutStore.Failures("locked", "10.0.0.1", 5)), NOW, WINDOW);

		assertThat(totals).containsExactly(4, 4, 2, 6);
		assertThat(store.recordFailure("new", "10.0.0.1", NOW, WINDOW)).isEqualTo(5);
		assertThat(store.recordFailure("ended", "10.0.0.1", NOW, WINDOW)).isEqualTo(3);
	}

	@ParameterizedTest
	@MethodSource("databases")
	void addFailuresBeyondOneReadChunk(TestDatabase database) {
		JdbcLockoutStore store = new JdbcLockoutStore(database.dataSource());
		List<LockoutStore.Failures> failures = new ArrayList<>();
		for (int i = 0; i < 450; i++) {
			failures.add(new LockoutStore.Failures("k" + i, "10.0.0.1", 1));
		}
		store.addFailures(failures, NOW, WINDOW);

		int[] totals = store.addFailures(failures, NOW.plusSeconds(1), WINDOW);

		assertThat(totals).hasSize(450).containsOnly(2);
	}

	@ParameterizedTest
	@MethodSource("databases")
	void recordFailureWhenTwentyThreadsRaceThenEveryFailureCounted(TestDatabase database) throws Exception {
		JdbcLockoutStore store = new JdbcLockoutStore(database.dataSource());
		ExecutorService executor = Executors.newFixedThreadPool(20);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Integer>> counts = new ArrayList<>();

		for (int i = 0; i < 20; i++) {
			counts.add(executor.submit(() -> {
				start.await();
				return store.recordFailure("race", "10.0.0.9", NOW, WINDOW);
			}));
		}
		start.countDown();
		int highest = 0;
		for (Future<Integer> count : counts) {
			highest = Math.max(highest, count.get());
		}
		executor.shutdown();

		assertThat(highest).isEqualTo(20);
		assertThat(store.recordFailure("race", "10.0.0.9", NOW, WINDOW)).isEqualTo(21);
	}

	@ParameterizedTest
	@MethodSource("databases")
	void lockThenFoundOnceAndNotLockedTwice(TestDatabase database) {
		JdbcLockoutStore store = new JdbcLockoutStore(database.dataSource());
		store.recordFailure("k", "10.0.0.1", NOW, WINDOW);
		Instant until = NOW.plus(WINDOW);

		boolean locked = store.lock("k", "10.0.0.1", NOW, until);
		boolean lockedAgain = store.lock("k", "10.0.0.1", NOW.plusSeconds(1), until.plusSeconds(1));

		assertThat(locked).isTrue();
		assertThat(lockedAgain).isFalse();
		assertThat(store.findLockouts(NOW.minusSeconds(1), NOW.plusSeconds(5)))
			.containsExactly(new LockoutStore.Lockout("k", "10.0.0.1", NOW, until));
		assertThat(store.findLockouts(NOW.plusSeconds(1), NOW.plusSeconds(5))).isEmpty();
		assertThat(store.findLockouts(NOW.minusSeconds(1), until.plusSeconds(1))).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void purgeExpiredDeletesEndedWindowsAndLockouts(TestDatabase database) {
		JdbcLockoutStore store = new JdbcLockoutStore(database.dataSource());
		store.recordFailure("old", "10.0.0.1", NOW.minus(WINDOW).minusSeconds(60), WINDOW);
		store.recordFailure("live", "10.0.0.1", NOW, WINDOW);

		int deleted = store.purgeExpired(NOW);

		assertThat(deleted).isEqualTo(1);
		assertThat(store.recordFailure("live", "10.0.0.1", NOW, WINDOW)).isEqualTo(2);
	}

}
