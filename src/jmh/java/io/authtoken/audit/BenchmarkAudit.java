package io.authtoken.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.authtoken.config.AuthTokenProperties;

/**
 * Gives benchmarks an {@link AuditLog} that drops every event, so that no database is
 * needed.
 */
public final class BenchmarkAudit {

	private BenchmarkAudit() {
	}

	public static AuditLog discardingLog(Clock clock, AuthTokenProperties properties) {
		return new AuditLog(new DiscardingStore(), clock, properties);
	}

	private static final class DiscardingStore implements AuditStore {

		@Override
		public void insert(Instant occurredAt, AuditEventType type, String actor, String key, AuditOutcome outcome,
				String detail) {
		}

		@Override
		public List<AuditEvent> list(AuditFilter filter, int offset, int limit) {
			return List.of();
		}

		@Override
		public long count(AuditFilter filter) {
			return 0;
		}

		@Override
		public int purgeOlderThan(Instant cutOff) {
			return 0;
		}

	}

}
