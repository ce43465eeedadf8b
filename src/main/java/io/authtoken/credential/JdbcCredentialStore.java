package io.authtoken.credential;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@link CredentialStore} on the {@code credential} table, with SQL that runs unchanged
 * on H2 and PostgreSQL.
 */
@Repository
class JdbcCredentialStore implements CredentialStore {

	private static final String COLUMNS = "credential_key, name, status, token_format, created_at, updated_at, "
			+ "tokens_revoked_before, expires_at, token_ttl_seconds, previous_secret_valid_until";

	private static final String SECRET_COLUMNS = "encrypted_secret, previous_encrypted_secret";

	private final JdbcClient jdbc;

	JdbcCredentialStore(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
	}

	@Override
	public void insert(StoredCredential stored) {
		Credential credential = stored.credential();
		try {
			this.jdbc
				.sql("INSERT INTO credential (" + COLUMNS + ", " + SECRET_COLUMNS
						+ ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
				.params(credential.key(), credential.name(), credential.status().value(),
						credential.tokenFormat().value(), utc(credential.createdAt()), utc(credential.updatedAt()),
						utc(credential.tokensRevokedBefore()), utc(credential.expiresAt()),
						seconds(credential.tokenTtl()), utc(credential.previousSecretValidUntil()),
						stored.encryptedSecret(), stored.previousEncryptedSecret())
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new DuplicateCredentialException(credential.key(), ex);
		}
	}

	@Override
	public Optional<StoredCredential> find(String key) {
		return this.jdbc.sql("SELECT " + COLUMNS + ", " + SECRET_COLUMNS + " FROM credential WHERE credential_key = ?")
			.param(key)
			.query((rs, row) -> mapStored(rs))
			.optional();
	}

	@Override
	public List<Credential> list(CredentialFilter filter, int offset, int limit) {
		List<Object> params = new ArrayList<>();
		String where = where(filter, params);
		params.add(offset);
		params.add(limit);
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM credential" + where
					+ " ORDER BY created_at, credential_key OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")
			.params(params)
			.query((rs, row) -> mapCredential(rs))
			.list();
	}

	@Override
	public long count(CredentialFilter filter) {
		List<Object> params = new ArrayList<>();
		String where = where(filter, params);
		return this.jdbc.sql("SELECT COUNT(*) FROM credential" + where).params(params).query(Long.class).single();
	}

	/**
	 * Builds the {@code WHERE} clause of a filter and appends its parameters. The name
	 * prefix is matched with {@code LIKE}, its wildcards escaped so that they match
	 * themselves.
	 */
	private static String where(CredentialFilter filter, List<Object> params) {
		List<String> conditions = new ArrayList<>(2);
		if (filter.status() != null) {
			conditions.add("status = ?");
			params.add(filter.status().value());
		}
		if (filter.namePrefix() != null) {
			conditions.add("name LIKE ? ESCAPE '\\'");
			params.add(escapeLike(filter.namePrefix()) + "%");
		}
		return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
	}

	private static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	@Override
	public List<StoredCredential> listStoredAfter(String afterKey, int limit) {
		String sql = "SELECT " + COLUMNS + ", " + SECRET_COLUMNS + " FROM credential"
				+ ((afterKey != null) ? " WHERE credential_key > ?" : "")
				+ " ORDER BY credential_key FETCH FIRST ? ROWS ONLY";
		List<Object> params = new ArrayList<>(2);
		if (afterKey != null) {
			params.add(afterKey);
		}
		params.add(limit);
		return this.jdbc.sql(sql).params(params).query((rs, row) -> mapStored(rs)).list();
	}

	@Override
	public long countActive(Instant now) {
		return this.jdbc
			.sql("SELECT COUNT(*) FROM credential WHERE status = ? AND (expires_at IS NULL OR expires_at > ?)")
			.params(CredentialStatus.ACTIVE.value(), utc(now))
			.query(Long.class)
			.single();
	}

	@Override
	public boolean updateStatus(String key, CredentialStatus status, Instant updatedAt) {
		return this.jdbc.sql("UPDATE credential SET status = ?, updated_at = ? WHERE credential_key = ?")
			.params(status.value(), utc(updatedAt), key)
			.update() == 1;
	}

	@Override
	public boolean update(String key, CredentialChanges changes, Instant updatedAt) {
		List<String> assignments = new ArrayList<>();
		List<Object> params = new ArrayList<>();
		if (changes.name() != null) {
			assignments.add("name = ?");
			params.add(changes.name());
		}
		if (changes.tokenFormat() != null) {
			assignments.add("token_format = ?");
			params.add(changes.tokenFormat().value());
		}
		if (changes.expiresAtChanged()) {
			assignments.add("expires_at = ?");
			params.add(utc(changes.expiresAt()));
		}
		if (changes.tokenTtlChanged()) {
			assignments.add("token_ttl_seconds = ?");
			params.add(seconds(changes.tokenTtl()));
		}
		assignments.add("updated_at = ?");
		params.add(utc(updatedAt));
		params.add(key);
		return this.jdbc.sql("UPDATE credential SET " + String.join(", ", assignments) + " WHERE credential_key = ?")
			.params(params)
			.update() == 1;
	}

	@Override
	public boolean rotateSecret(String key, String encryptedSecret, Instant previousValidUntil, Instant updatedAt) {
		// The right-hand sides read the row as it was before the update, on both
		// databases, so the replaced secret becomes the previous one in one statement.
		String previous = (previousValidUntil != null) ? "encrypted_secret" : "NULL";
		return this.jdbc.sql("UPDATE credential SET previous_encrypted_secret = " + previous
				+ ", previous_secret_valid_until = ?, encrypted_secret = ?, updated_at = ? WHERE credential_key = ?")
			.params(utc(previousValidUntil), encryptedSecret, utc(updatedAt), key)
			.update() == 1;
	}

	@Override
	public boolean replaceSecret(String key, String encryptedSecret, Instant updatedAt) {
		return this.jdbc
			.sql("UPDATE credential SET encrypted_secret = ?, previous_encrypted_secret = NULL, "
					+ "previous_secret_valid_until = NULL, updated_at = ?, tokens_revoked_before = ? "
					+ "WHERE credential_key = ?")
			.params(encryptedSecret, utc(updatedAt), utc(updatedAt), key)
			.update() == 1;
	}

	@Override
	public boolean reencrypt(StoredCredential read, String encryptedSecret, String previousEncryptedSecret) {
		String key = read.credential().key();
		if (read.previousEncryptedSecret() == null) {
			return this.jdbc
				.sql("UPDATE credential SET encrypted_secret = ? WHERE credential_key = ? AND encrypted_secret = ? "
						+ "AND previous_encrypted_secret IS NULL")
				.params(encryptedSecret, key, read.encryptedSecret())
				.update() == 1;
		}
		return this.jdbc
			.sql("UPDATE credential SET encrypted_secret = ?, previous_encrypted_secret = ? WHERE credential_key = ? "
					+ "AND encrypted_secret = ? AND previous_encrypted_secret = ?")
			.params(encryptedSecret, previousEncryptedSecret, key, read.encryptedSecret(),
					read.previousEncryptedSecret())
			.update() == 1;
	}

	@Override
	public int purgePreviousSecrets(Instant now) {
		return this.jdbc
			.sql("UPDATE credential SET previous_encrypted_secret = NULL, previous_secret_valid_until = NULL "
					+ "WHERE previous_secret_valid_until <= ?")
			.param(utc(now))
			.update();
	}

	@Override
	public boolean revokeTokens(String key, Instant before) {
		return this.jdbc.sql("UPDATE credential SET tokens_revoked_before = ?, updated_at = ? WHERE credential_key = ?")
			.params(utc(before), utc(before), key)
			.update() == 1;
	}

	@Override
	public boolean delete(String key) {
		return this.jdbc.sql("DELETE FROM credential WHERE credential_key = ?").param(key).update() == 1;
	}

	private static StoredCredential mapStored(ResultSet rs) throws SQLException {
		return new StoredCredential(mapCredential(rs), rs.getString("encrypted_secret"),
				rs.getString("previous_encrypted_secret"));
	}

	private static Credential mapCredential(ResultSet rs) throws SQLException {
		long ttlSeconds = rs.getLong("token_ttl_seconds");
		Duration tokenTtl = rs.wasNull() ? null : Duration.ofSeconds(ttlSeconds);
		return new Credential(rs.getString("credential_key"), rs.getString("name"),
				CredentialStatus.fromValue(rs.getString("status")), TokenFormat.fromValue(rs.getString("token_format")),
				instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "tokens_revoked_before"),
				instant(rs, "expires_at"), tokenTtl, instant(rs, "previous_secret_valid_until"));
	}

	private static OffsetDateTime utc(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	private static Long seconds(Duration duration) {
		return (duration != null) ? duration.toSeconds() : null;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
