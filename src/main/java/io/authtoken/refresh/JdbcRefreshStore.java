package io.authtoken.refresh;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@link RefreshStore} on the {@code refreshed_token} and {@code revoked_chain} tables,
 * with SQL that runs unchanged on H2 and PostgreSQL. The primary key on
 * {@code (credential_key, jti)} decides races: of several concurrent inserts for one
 * token, the database lets exactly one succeed, whatever instance sent it.
 */
@Repository
class JdbcRefreshStore implements RefreshStore {

	/** Reads, 2 ms apart, of a record that won a race but is not yet visible. */
	private static final int VISIBILITY_RETRIES = 50;

	private final JdbcClient jdbc;

	JdbcRefreshStore(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
	}

	@Override
	public Optional<RefreshRecord> recordRefresh(RefreshRecord record) {
		try {
			this.jdbc
				.sql("INSERT INTO refreshed_token (credential_key, jti, chain_id, refreshed_at, expires_at, "
						+ "successor_jti, successor_issued_at, successor_expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
				.params(record.credentialKey(), record.jti(), record.chainId(), utc(record.refreshedAt()),
						utc(record.expiresAt()), record.successorJti(), record.successorIssuedAt(),
						record.successorExpiresAt())
				.update();
			return Optional.empty();
		}
		catch (DuplicateKeyException ex) {
			return Optional.of(findEarlierRefresh(record));
		}
	}

	/**
	 * Reads the record that won the race. A database may report the duplicate before the
	 * winner's row is visible to this connection, so an empty read is retried briefly.
	 */
	private RefreshRecord findEarlierRefresh(RefreshRecord record) {
		for (int attempt = 0; attempt < VISIBILITY_RETRIES; attempt++) {
			Optional<RefreshRecord> found = this.jdbc
				.sql("SELECT credential_key, jti, chain_id, refreshed_at, expires_at, successor_jti, "
						+ "successor_issued_at, successor_expires_at FROM refreshed_token "
						+ "WHERE credential_key = ? AND jti = ?")
				.params(record.credentialKey(), record.jti())
				.query((rs, row) -> mapRecord(rs))
				.optional();
			if (found.isPresent()) {
				return found.get();
			}
			pause();
		}
		throw new IllegalStateException("The refresh record of a token of credential " + record.credentialKey()
				+ " was reported as a duplicate but cannot be read");
	}

	private static void pause() {
		try {
			Thread.sleep(2);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while reading a refresh record", ex);
		}
	}

	@Override
	public Revocation findRevocation(String credentialKey, String chainId) {
		// The credential's cut-off is read here, not from the credential cache, so that a
		// revocation made through any instance applies at once on every instance.
		return this.jdbc
			.sql("SELECT (SELECT tokens_revoked_before FROM credential WHERE credential_key = ?) AS revoked_before, "
					+ "(SELECT COUNT(*) FROM revoked_chain WHERE credential_key = ? AND chain_id = ?) AS chain_revoked")
			.params(credentialKey, credentialKey, chainId)
			.query((rs, row) -> {
				OffsetDateTime before = rs.getObject("revoked_before", OffsetDateTime.class);
				return new Revocation((before != null) ? before.toInstant() : null, rs.getLong("chain_revoked") > 0);
			})
			.single();
	}

	@Override
	public boolean revokeChain(String credentialKey, String chainId, Instant revokedAt, Instant expiresAt) {
		try {
			this.jdbc
				.sql("INSERT INTO revoked_chain (credential_key, chain_id, revoked_at, expires_at) VALUES (?, ?, ?, ?)")
				.params(credentialKey, chainId, utc(revokedAt), utc(expiresAt))
				.update();
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	@Override
	public int purgeExpired(Instant now) {
		int refreshed = this.jdbc.sql("DELETE FROM refreshed_token WHERE expires_at < ?").param(utc(now)).update();
		int revoked = this.jdbc.sql("DELETE FROM revoked_chain WHERE expires_at < ?").param(utc(now)).update();
		return refreshed + revoked;
	}

	private static RefreshRecord mapRecord(ResultSet rs) throws SQLException {
		return new RefreshRecord(rs.getString("credential_key"), rs.getString("jti"), rs.getString("chain_id"),
				instant(rs, "refreshed_at"), instant(rs, "expires_at"), rs.getString("successor_jti"),
				rs.getLong("successor_issued_at"), rs.getLong("successor_expires_at"));
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

}
