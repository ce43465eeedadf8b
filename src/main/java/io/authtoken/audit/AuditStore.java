package io.authtoken.audit;

import java.time.Instant;
import java.util.List;

/**
 * Persistent storage of the audit trail.
 */
interface AuditStore {

	void insert(Instant occurredAt, AuditEventType type, String actor, String key, AuditOutcome outcome, String detail);

	/**
	 * Returns one page of the events that match the filter, oldest first, so that events
	 * recorded meanwhile join the last page and do not shift earlier ones.
	 */
	List<AuditEvent> list(AuditFilter filter, int offset, int limit);

	long count(AuditFilter filter);

	/**
	 * Deletes the events that occurred before {@code cutOff}. Safe to run on every
	 * instance at once.
	 * @return the number of events deleted
	 */
	int purgeOlderThan(Instant cutOff);

}
