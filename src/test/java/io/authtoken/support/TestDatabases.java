package io.authtoken.support;

import java.util.stream.Stream;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Fresh, migrated databases of each supported kind, for store tests that run the same
 * assertions on H2 and PostgreSQL.
 */
public final class TestDatabases {

	private TestDatabases() {
	}

	/**
	 * Returns a new H2 file database and a new PostgreSQL database, each migrated by the
	 * service's Flyway scripts.
	 */
	public static Stream<TestDatabase> all() {
		return Stream.of(h2(), postgres());
	}

	public static TestDatabase h2() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:file:" + TestDirectories.create("authtoken-store-") + "/authtoken");
		dataSource.setUser("sa");
		return migrated("H2", dataSource);
	}

	public static TestDatabase postgres() {
		return migrated("PostgreSQL", TestPostgres.dataSource(TestPostgres.createDatabase()));
	}

	private static TestDatabase migrated(String name, DataSource dataSource) {
		Flyway.configure().dataSource(dataSource).load().migrate();
		return new TestDatabase(name, dataSource);
	}

	/**
	 * A migrated database, named for test reports.
	 */
	public record TestDatabase(String name, DataSource dataSource) {

		@Override
		public String toString() {
			return this.name;
		}

	}

}
