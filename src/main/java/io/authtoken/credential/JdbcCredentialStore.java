package io.authtoken.credential;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
			+ "tokens_revoked_before";

	private final JdbcClient jdbc;

	JdbcCredentialStore(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
	}

	@Override
	public void insert(StoredCredential stored) {
		Credential credential = stored.credential();
		try {
			this.jdbc.sql("INSERT INTO credential (" + COLUMNS + ", encrypted_secret) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
				.params(credential.key(), credential.name(), credential.status().value(),
						credential.tokenFormat().value(), utc(credential.createdAt()), utc(credential.updatedAt()),
						utc(credential.tokensRevokedBefore()), stored.encryptedSecret())
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new DuplicateCredentialException(credential.key(), ex);
		}
	}

	@Override
	public Optional<StoredCredential> find(String key) {
		return this.jdbc.sql("SELECT " + COLUMNS + ", encrypted_secret FROM credential WHERE credential_key = ?")
			.param(key)
			.query((rs, row) -> new StoredCredential(mapCredential(rs), rs.getString("encrypted_secret")))
			.optional();
	}

	@Override
	public List<Credential> list(int offset, int limit) {
		return this.jdbc
			.sql("SELECT " + COLUMNS
					+ " FROM credential ORDER BY created_at, credential_key OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")
			.params(offset, limit)
			.query((rs, row) -> mapCredential(rs))
			.list();
	}

	@Override
	public long count() {
		return this.jdbc.sql("SELECT COUNT(*) FROM credential").query(Long.class).single();
	}

	@Override
	public long countActive() {
		return this.jdbc.sql("SELECT COUNT(*) FROM credential WHERE status = ?")
			.param(CredentialStatus.ACTIVE.value())
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
	public boolean revokeTokens(String key, Instant before) {
		return this.jdbc.sql("UPDATE credential SET tokens_revoked_before = ?, updated_at = ? WHERE credential_key = ?")
			.params(utc(before), utc(before), key)
			.update() == 1;
	}

	@Override
	public boolean delete(String key) {
		return this.jdbc.sql("DELETE FROM credential WHERE credential_key = ?").param(key).update() == 1;
	}

	private static Credential mapCredential(ResultSet rs) throws SQLException {
		return new Credential(rs.getString("credential_key"), rs.getString("name"),
				CredentialStatus.fromValue(rs.getString("status")), TokenFormat.fromValue(rs.getString("token_format")),
				instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "tokens_revoked_before"));
	}

	private static OffsetDateTime utc(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
