package io.authtoken.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import io.authtoken.support.TestDatabases;
import io.authtoken.support.TestDatabases.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.mock.env.MockEnvironment;

import io.authtoken.config.AuthTokenProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Audit event storage and its purge, on H2 and on PostgreSQL.
 */
class JdbcAuditStoreTests {

	private static final Instant NOW = Instant.parse("2026-05-01T12:00:00.123456Z");

	static Stream<TestDatabase> databases() {
		return TestDatabases.all();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void insertThenListReturnsEveryAttributeOldestFirst(TestDatabase database) {
		JdbcAuditStore store = new JdbcAuditStore(database.dataSource());
		store.insert(NOW, AuditEventType.SECRET_ROTATED, "admin", "k1", AuditOutcome.SUCCESS, "detail");
		store.insert(NOW.minusSeconds(1), AuditEventType.CREDENTIAL_CREATED, "admin", "k1", AuditOutcome.SUCCESS, null);
		store.insert(NOW, AuditEventType.MASTER_KEY_REENCRYPTED, "system", null, AuditOutcome.FAILURE, "x");

		List<AuditEvent> events = store.list(new AuditFilter(null, null, null), 0, 10);

		assertThat(events).extracting(AuditEvent::type)
			.containsExactly(AuditEventType.CREDENTIAL_CREATED, AuditEventType.SECRET_ROTATED,
					AuditEventType.MASTER_KEY_REENCRYPTED);
		AuditEvent rotated = events.get(1);
		assertThat(rotated.occurredAt()).isEqualTo(NOW);
		assertThat(rotated.actor()).isEqualTo("admin");
		assertThat(rotated.key()).isEqualTo("k1");
		assertThat(rotated.outcome()).isEqualTo(AuditOutcome.SUCCESS);
		assertThat(rotated.detail()).isEqualTo("detail");
		assertThat(events.get(2).key()).isNull();
		assertThat(events.get(2).outcome()).isEqualTo(AuditOutcome.FAILURE);
	}

	@ParameterizedTest
	@MethodSource("databases")
	void listAndCountApplyEveryFilter(TestDatabase database) {
		JdbcAuditStore store = new JdbcAuditStore(database.dataSource());
		store.insert(NOW.minusSeconds(60), AuditEventType.CREDENTIAL_CREATED, "admin", "k1", AuditOutcome.SUCCESS,
				null);
		store.insert(NOW, AuditEventType.CREDENTIAL_DISABLED, "admin", "k1", AuditOutcome.SUCCESS, null);
		store.insert(NOW, AuditEventType.CREDENTIAL_CREATED, "admin", "k2", AuditOutcome.SUCCESS, null);

		AuditFilter byKey = new AuditFilter("k1", null, null);
		AuditFilter byType = new AuditFilter(null, AuditEventType.CREDENTIAL_CREATED, null);
		AuditFilter bySince = new AuditFilter(null, null, NOW);
		AuditFilter all = new AuditFilter("k1", AuditEventType.CREDENTIAL_CREATED, NOW.minusSeconds(60));

		assertThat(store.count(byKey)).isEqualTo(2);
		assertThat(store.count(byType)).isEqualTo(2);
		assertThat(store.count(bySince)).isEqualTo(2);
		assertThat(store.list(all, 0, 10)).singleElement()
			.satisfies((event) -> assertThat(event.occurredAt()).isEqualTo(NOW.minusSeconds(60)));
		assertThat(store.list(byType, 1, 10)).extracting(AuditEvent::key).containsExactly("k2");
	}

	@ParameterizedTest
	@MethodSource("databases")
	void purgeJobDeletesEventsOlderThanRetention(TestDatabase database) {
		JdbcAuditStore store = new JdbcAuditStore(database.dataSource());
		store.insert(NOW.minusSeconds(91L * 86400), AuditEventType.CREDENTIAL_CREATED, "admin", "old",
				AuditOutcome.SUCCESS, null);
		store.insert(NOW.minusSeconds(89L * 86400), AuditEventType.CREDENTIAL_CREATED, "admin", "kept",
				AuditOutcome.SUCCESS, null);
		AuditPurgeJob job = new AuditPurgeJob(store, Clock.fixed(NOW, ZoneOffset.UTC), defaultProperties());

		job.purge();

		assertThat(store.list(new AuditFilter(null, null, null), 0, 10)).extracting(AuditEvent::key)
			.containsExactly("kept");
	}

	private static AuthTokenProperties defaultProperties() {
		return new Binder(ConfigurationPropertySources.get(new MockEnvironment())).bindOrCreate("authtoken",
				Bindable.of(AuthTokenProperties.class));
	}

}
