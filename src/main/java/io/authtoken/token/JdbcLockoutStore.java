package io.authtoken.token;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link LockoutStore} on the {@code secret_failure} table, with SQL that runs unchanged
 * on H2 and PostgreSQL. Failures are added in one transaction per call, by a conditional
 * update, or by an update that restarts the pair's ended window, or by an insert when the
 * pair has no row. When an insert loses a race to another instance, the whole call rolls
 * back and runs again.
 */
@Repository
class JdbcLockoutStore implements LockoutStore {

	private static final int ATTEMPTS = 3;

	/** Pairs whose counts one query reads back. */
	private static final int READ_CHUNK = 200;

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final TransactionTemplate transactions;

	JdbcLockoutStore(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
		this.batch = new JdbcTemplate(dataSource);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
	}

	@Override
	public int[] addFailures(List<Failures> failures, Instant now, Duration window) {
		if (failures.isEmpty()) {
			return new int[0];
		}
		// Every instance locks the rows in the same order, so that two instances adding
		// failures for the same pairs at once wait for each other instead of deadlocking.
		List<Integer> order = new ArrayList<>(failures.size());
		for (int i = 0; i < failures.size(); i++) {
			order.add(i);
		}
		order.sort(Comparator.comparing((Integer i) -> failures.get(i).credentialKey())
			.thenComparing((i) -> failures.get(i).clientAddress()));
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			try {
				return this.transactions.execute((status) -> add(failures, order, now, window));
			}
			catch (DuplicateKeyException ex) {
				// Another instance inserted a row for one of the pairs first. The
				// transaction rolled back, and the next attempt updates that row.
			}
		}
		throw new IllegalStateException(
				"Failed to count wrong secrets for " + failures.size() + " pairs after " + ATTEMPTS + " attempts");
	}

	/**
	 * Adds the failures with three batches of statements: an update of the pairs whose
	 * window is running, an update that restarts the ended windows of the others, and an
	 * insert for the pairs without a row. A fourth statement reads the new counts of the
	 * pairs that the first batch updated.
	 */
	private int[] add(List<Failures> failures, List<Integer> order, Instant now, Duration window) {
		OffsetDateTime windowStart = utc(now.minus(window));
		OffsetDateTime start = utc(now);
		OffsetDateTime expiresAt = utc(now.plus(window));
		int[] totals = new int[failures.size()];

		int[] counted = batchUpdate(
				"UPDATE secret_failure SET failures = failures + ? WHERE credential_key = ? AND client_address = ? "
						+ "AND (window_start > ? OR locked_until > ?)",
				arguments(failures, order,
						(f) -> new Object[] { f.count(), f.credentialKey(), f.clientAddress(), windowStart, start }));
		List<Integer> running = new ArrayList<>();
		List<Integer> rest = new ArrayList<>();
		split(order, counted, running, rest);

		int[] restarted = batchUpdate(
				"UPDATE secret_failure SET failures = ?, window_start = ?, locked_at = NULL, locked_until = NULL, "
						+ "expires_at = ? WHERE credential_key = ? AND client_address = ? AND window_start <= ? "
						+ "AND (locked_until IS NULL OR locked_until <= ?)",
				arguments(failures, rest, (f) -> new Object[] { f.count(), start, expiresAt, f.credentialKey(),
						f.clientAddress(), windowStart, start }));
		List<Integer> missing = new ArrayList<>();
		split(rest, restarted, new ArrayList<>(), missing);

		batchUpdate(
				"INSERT INTO secret_failure (credential_key, client_address, window_start, failures, expires_at) "
						+ "VALUES (?, ?, ?, ?, ?)",
				arguments(failures, missing,
						(f) -> new Object[] { f.credentialKey(), f.clientAddress(), start, f.count(), expiresAt }));

		for (int i = 0; i < failures.size(); i++) {
			totals[i] = failures.get(i).count();
		}
		readTotals(failures, running, totals);
		return totals;
	}

	private int[] batchUpdate(String sql, List<Object[]> arguments) {
		return arguments.isEmpty() ? new int[0] : this.batch.batchUpdate(sql, arguments);
	}

	private static List<Object[]> arguments(List<Failures> failures, List<Integer> indexes,
			Function<Failures, Object[]> row) {
		List<Object[]> arguments = new ArrayList<>(indexes.size());
		for (int index : indexes) {
			arguments.add(row.apply(failures.get(index)));
		}
		return arguments;
	}

	/**
	 * Sorts the indexes of a batch into those whose statement changed a row and the rest.
	 */
	private static void split(List<Integer> indexes, int[] rowCounts, List<Integer> changed, List<Integer> unchanged) {
		for (int i = 0; i < indexes.size(); i++) {
			(rowCounts[i] > 0 ? changed : unchanged).add(indexes.get(i));
		}
	}

	private void readTotals(List<Failures> failures, List<Integer> indexes, int[] totals) {
		for (int from = 0; from < indexes.size(); from += READ_CHUNK) {
			List<Integer> chunk = indexes.subList(from, Math.min(indexes.size(), from + READ_CHUNK));
			Map<List<String>, Integer> positions = new HashMap<>();
			List<Object> parameters = new ArrayList<>(chunk.size() * 2);
			for (int index : chunk) {
				Failures pair = failures.get(index);
				positions.put(List.of(pair.credentialKey(), pair.clientAddress()), index);
				parameters.add(pair.credentialKey());
				parameters.add(pair.clientAddress());
			}
			String rows = String.join(", ", Collections.nCopies(chunk.size(), "(?, ?)"));
			this.jdbc
				.sql("SELECT credential_key, client_address, failures FROM secret_failure "
						+ "WHERE (credential_key, client_address) IN (" + rows + ")")
				.params(parameters)
				.query((rs) -> {
					Integer index = positions.get(List.of(rs.getString(1), rs.getString(2)));
					if (index != null) {
						totals[index] = rs.getInt(3);
					}
				});
		}
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
	public List<Count> findCounts(Instant now, Duration window, int limit) {
		return this.jdbc
			.sql("SELECT credential_key, client_address, window_start, failures FROM secret_failure "
					+ "WHERE window_start > ? OR locked_until > ? ORDER BY failures DESC LIMIT ?")
			.params(utc(now.minus(window)), utc(now), limit)
			.query((rs, row) -> new Count(rs.getString("credential_key"), rs.getString("client_address"),
					rs.getObject("window_start", OffsetDateTime.class).toInstant(), rs.getInt("failures")))
			.list();
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
