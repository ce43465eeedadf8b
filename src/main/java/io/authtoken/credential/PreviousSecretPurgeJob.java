package io.authtoken.credential;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes previous secrets once their rotation overlap has ended, so that an old secret
 * does not stay in storage. Until the purge runs, readers already treat such a secret as
 * absent. Every instance runs it; that is safe because each run is one conditional
 * update.
 */
@Component
class PreviousSecretPurgeJob {

	private static final Logger logger = LoggerFactory.getLogger(PreviousSecretPurgeJob.class);

	private final CredentialStore store;

	private final Clock clock;

	PreviousSecretPurgeJob(CredentialStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${authtoken.credentials.purge-interval:PT1H}",
			initialDelayString = "${authtoken.credentials.purge-interval:PT1H}")
	void purge() {
		int purged = this.store.purgePreviousSecrets(this.clock.instant());
		if (purged > 0) {
			logger.info("Deleted the previous secrets of {} credentials whose rotation overlap ended", purged);
		}
	}

}
