package io.authtoken.refresh;

import java.time.Instant;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@link RefreshStore} on the {@code refreshed_token} table. The primary key on
 * {@code (credential_key, jti)} decides races: of several concurrent inserts of one
 * token, the database lets exactly one succeed, whatever instance sent it.
 */
@Repository
class JdbcRefreshStore implements RefreshStore {

	private final JdbcClient jdbc;

	JdbcRefreshStore(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
	}

	@Override
	public boolean recordRefresh(String credentialKey, String jti, Instant refreshedAt, Instant expiresAt) {
		try {
			this.jdbc
				.sql("INSERT INTO refreshed_token (credential_key, jti, refreshed_at, expires_at) VALUES (?, ?, ?, ?)")
				.params(credentialKey, jti, refreshedAt.atOffset(ZoneOffset.UTC), expiresAt.atOffset(ZoneOffset.UTC))
				.update();
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

}
