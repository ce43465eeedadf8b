package io.authtoken.token;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@link LockoutStore} on the {@code secret_failure} table, with SQL that runs unchanged
 * on H2 and PostgreSQL. A failure is counted by a conditional update, or by an insert
 * when the pair has no row, or by an update that restarts the pair's ended window. An
 * insert that loses a race to another instance retries as an update.
 */
@Repository
class JdbcLockoutStore implements LockoutStore {

	private static final int ATTEMPTS = 3;

	private final JdbcClient jdbc;

	JdbcLockoutStore(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
	}

	@Override
	public int recordFailure(String credentialKey, String clientAddress, Instant now, Duration window) {
		Instant windowStart = now.minus(window);
		Instant expiresAt = now.plus(window);
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			int counted = this.jdbc
				.sql("UPDATE secret_failure SET failures = failures + 1 WHERE credential_key = ? "
						+ "AND client_address = ? AND (window_start > ? OR locked_until > ?)")
				.params(credentialKey, clientAddress, utc(windowStart), utc(now))
				.update();
			if (counted == 1) {
				return failures(credentialKey, clientAddress);
			}
			// Insert first, because a pair that gets here usually has no row yet, as
			// when an attacker guesses from a new client address each time. A pair
			// whose window ended costs a failed insert instead.
			try {
				this.jdbc
					.sql("INSERT INTO secret_failure (credential_key, client_address, window_start, failures, "
							+ "expires_at) VALUES (?, ?, ?, 1, ?)")
					.params(credentialKey, clientAddress, utc(now), utc(expiresAt))
					.update();
				return 1;
			}
			catch (DuplicateKeyException ex) {
				// The pair has a row whose window ended, or another instance inserted the
				// row first.
			}
			int restarted = this.jdbc
				.sql("UPDATE secret_failure SET failures = 1, window_start = ?, locked_at = NULL, locked_until = NULL, "
						+ "expires_at = ? WHERE credential_key = ? AND client_address = ? AND window_start <= ? "
						+ "AND (locked_until IS NULL OR locked_until <= ?)")
				.params(utc(now), utc(expiresAt), credentialKey, clientAddress, utc(windowStart), utc(now))
				.update();
			if (restarted == 1) {
				return 1;
			}
		}
		throw new IllegalStateException(
				"Failed to count a wrong secret for credential " + credentialKey + " after " + ATTEMPTS + " attempts");
	}

	private int failures(String credentialKey, String clientAddress) {
		return this.jdbc.sql("SELECT failures FROM secret_failure WHERE credential_key = ? AND client_address = ?")
			.params(credentialKey, clientAddress)
			.query(Integer.class)
			.optional()
			.orElse(1);
	}

	@Override
	public boolean lock(String credentialKey, String clientAddress, Instant now, Instant lockedUntil) {
		return this.jdbc
			.sql("UPDATE secret_failure SET locked_at = ?, locked_until = ?, expires_at = ? WHERE credential_key = ? "
					+ "AND client_address = ? AND (locked_until IS NULL OR locked_until <= ?)")
			.params(utc(now), utc(lockedUntil), utc(lockedUntil), credentialKey, clientAddress, utc(now))
			.update() == 1;
	}

	@Override
	public List<Lockout> findLockouts(Instant since, Instant now) {
		return this.jdbc
			.sql("SELECT credential_key, client_address, locked_at, locked_until FROM secret_failure "
					+ "WHERE locked_at >= ? AND locked_until > ?")
			.params(utc(since), utc(now))
			.query((rs, row) -> new Lockout(rs.getString("credential_key"), rs.getString("client_address"),
					rs.getObject("locked_at", OffsetDateTime.class).toInstant(),
					rs.getObject("locked_until", OffsetDateTime.class).toInstant()))
			.list();
	}

	@Override
	public int purgeExpired(Instant now) {
		return this.jdbc.sql("DELETE FROM secret_failure WHERE expires_at < ?").param(utc(now)).update();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
