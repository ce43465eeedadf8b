package io.authtoken.refresh;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.authtoken.support.TestDatabases;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled purge, run by hand with a fixed clock.
 */
class RefreshPurgeJobTests {

	private static final Instant NOW = Instant.parse("2026-02-01T00:00:00Z");

	@Test
	void purgeDeletesRecordsThatExpiredBeforeNow() {
		JdbcRefreshStore store = new JdbcRefreshStore(TestDatabases.h2().dataSource());
		store.recordRefresh(
				new RefreshRecord("key", "old", "chain", NOW.minusSeconds(90), NOW.minusSeconds(30), "s1", 0, 1));
		store.recordRefresh(new RefreshRecord("key", "live", "chain", NOW, NOW.plusSeconds(30), "s2", 0, 1));
		RefreshPurgeJob job = new RefreshPurgeJob(store, Clock.fixed(NOW, ZoneOffset.UTC));

		job.purge();

		assertThat(store.recordRefresh(new RefreshRecord("key", "old", "chain", NOW, NOW, "s3", 0, 1))).isEmpty();
		assertThat(store.recordRefresh(new RefreshRecord("key", "live", "chain", NOW, NOW, "s4", 0, 1))).isPresent();
	}

}
