package io.authtoken.refresh;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes refresh and revocation records once they can no longer change an answer. Every
 * instance runs it; that is safe because each run is one conditional delete per table,
 * and deleting a row another instance already deleted changes nothing.
 */
@Component
class RefreshPurgeJob {

	private static final Logger logger = LoggerFactory.getLogger(RefreshPurgeJob.class);

	private final RefreshStore store;

	private final Clock clock;

	RefreshPurgeJob(RefreshStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${authtoken.refresh.purge-interval:PT1H}",
			initialDelayString = "${authtoken.refresh.purge-interval:PT1H}")
	void purge() {
		int deleted = this.store.purgeExpired(this.clock.instant());
		if (deleted > 0) {
			logger.info("Purged {} expired refresh records", deleted);
		}
	}

}
