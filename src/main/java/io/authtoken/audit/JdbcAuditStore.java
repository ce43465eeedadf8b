package io.authtoken.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@link AuditStore} on the {@code audit_event} table, with SQL that runs unchanged on H2
 * and PostgreSQL.
 */
@Repository
class JdbcAuditStore implements AuditStore {

	private static final String COLUMNS = "id, occurred_at, event_type, actor, credential_key, outcome, detail";

	private final JdbcClient jdbc;

	JdbcAuditStore(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
	}

	@Override
	public void insert(Instant occurredAt, AuditEventType type, String actor, String key, AuditOutcome outcome,
			String detail) {
		this.jdbc
			.sql("INSERT INTO audit_event (occurred_at, event_type, actor, credential_key, outcome, detail) "
					+ "VALUES (?, ?, ?, ?, ?, ?)")
			.params(utc(occurredAt), type.code(), actor, key, outcome.code(), detail)
			.update();
	}

	@Override
	public List<AuditEvent> list(AuditFilter filter, int offset, int limit) {
		List<Object> params = new ArrayList<>();
		String where = where(filter, params);
		params.add(offset);
		params.add(limit);
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM audit_event" + where
					+ " ORDER BY occurred_at, id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")
			.params(params)
			.query((rs, row) -> mapEvent(rs))
			.list();
	}

	@Override
	public long count(AuditFilter filter) {
		List<Object> params = new ArrayList<>();
		String where = where(filter, params);
		return this.jdbc.sql("SELECT COUNT(*) FROM audit_event" + where).params(params).query(Long.class).single();
	}

	@Override
	public int purgeOlderThan(Instant cutOff) {
		return this.jdbc.sql("DELETE FROM audit_event WHERE occurred_at < ?").param(utc(cutOff)).update();
	}

	private static String where(AuditFilter filter, List<Object> params) {
		List<String> conditions = new ArrayList<>(3);
		if (filter.key() != null) {
			conditions.add("credential_key = ?");
			params.add(filter.key());
		}
		if (filter.type() != null) {
			conditions.add("event_type = ?");
			params.add(filter.type().code());
		}
		if (filter.since() != null) {
			conditions.add("occurred_at >= ?");
			params.add(utc(filter.since()));
		}
		return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
	}

	private static AuditEvent mapEvent(ResultSet rs) throws SQLException {
		return new AuditEvent(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
				AuditEventType.fromCode(rs.getString("event_type")), rs.getString("actor"),
				rs.getString("credential_key"), AuditOutcome.fromCode(rs.getString("outcome")), rs.getString("detail"));
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
