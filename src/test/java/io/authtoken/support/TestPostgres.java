package io.authtoken.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL server for the whole test run, started from the embedded PostgreSQL
 * binaries on Maven Central. Each caller gets a database of its own, so tests never see
 * each other's rows.
 */
public final class TestPostgres {

	private static final AtomicInteger databaseCount = new AtomicInteger();

	private static EmbeddedPostgres server;

	private TestPostgres() {
	}

	/**
	 * Creates an empty database and returns its JDBC URL. The user is {@code postgres},
	 * with no password.
	 */
	public static synchronized String createDatabase() {
		String name = "authtoken_test_" + databaseCount.incrementAndGet();
		try (Connection connection = server().getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Failed to create test database " + name, ex);
		}
		return server().getJdbcUrl("postgres", name);
	}

	public static DataSource dataSource(String jdbcUrl) {
		org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
		dataSource.setUrl(jdbcUrl);
		dataSource.setUser("postgres");
		return dataSource;
	}

	private static synchronized EmbeddedPostgres server() {
		if (server == null) {
			try {
				server = EmbeddedPostgres.builder().start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Failed to start embedded PostgreSQL", ex);
			}
		}
		return server;
	}

}
