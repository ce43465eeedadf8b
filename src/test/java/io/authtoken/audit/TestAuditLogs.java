package io.authtoken.audit;

import java.time.Clock;

import javax.sql.DataSource;

import io.authtoken.config.AuthTokenProperties;

/**
 * Gives tests outside this package an {@link AuditLog} that writes to a database.
 */
public final class TestAuditLogs {

	private TestAuditLogs() {
	}

	public static AuditLog on(DataSource dataSource, Clock clock, AuthTokenProperties properties) {
		return new AuditLog(new JdbcAuditStore(dataSource), clock, properties);
	}

}
