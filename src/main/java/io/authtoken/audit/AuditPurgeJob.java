package io.authtoken.audit;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.authtoken.config.AuthTokenProperties;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes audit events older than {@code authtoken.audit.retention}. Every instance runs
 * it; that is safe because each run is one conditional delete, and deleting a row another
 * instance already deleted changes nothing.
 */
@Component
class AuditPurgeJob {

	private static final Logger logger = LoggerFactory.getLogger(AuditPurgeJob.class);

	private final AuditStore store;

	private final Clock clock;

	private final Duration retention;

	AuditPurgeJob(AuditStore store, Clock clock, AuthTokenProperties properties) {
		this.store = store;
		this.clock = clock;
		this.retention = properties.audit().retention();
	}

	@Scheduled(fixedDelayString = "${authtoken.audit.purge-interval:PT1H}",
			initialDelayString = "${authtoken.audit.purge-interval:PT1H}")
	void purge() {
		int deleted = this.store.purgeOlderThan(this.clock.instant().minus(this.retention));
		if (deleted > 0) {
			logger.info("Purged {} audit events older than {}", deleted, this.retention);
		}
	}

}
