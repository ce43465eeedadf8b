package io.authtoken.token;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.authtoken.audit.TestAuditLogs;
import io.authtoken.config.AuthTokenProperties;
import io.authtoken.support.MutableClock;
import io.authtoken.support.TestDatabases;
import io.authtoken.support.TestDatabases.TestDatabase;
import io.authtoken.web.ApiException;
import io.authtoken.web.ErrorCode;
import io.authtoken.web.TestMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The lockout counted in memory and saved to the database in batches, on H2 and on
 * PostgreSQL, with the service's default settings: 10 failures in 15 minutes.
 */
class SecretLockoutTests {

	private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

	private static final AuthTokenProperties PROPERTIES = properties(new MockEnvironment());

	private final MutableClock clock = new MutableClock(START);

	static Stream<TestDatabase> databases() {
		return TestDatabases.all();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void belowLimitWritesNothingUntilSaved(TestDatabase database) {
		SecretLockout lockout = lockout(database.dataSource());

		for (int i = 0; i < 9; i++) {
			lockout.recordFailure("k", "10.0.0.1");
		}
		long rowsBeforeSaving = rows(database.dataSource());
		lockout.saveFailures(this.clock.instant());

		assertThat(rowsBeforeSaving).isZero();
		assertThat(failuresInDatabase(database.dataSource(), "k", "10.0.0.1")).isEqualTo(9);
		assertThatNoException().isThrownBy(() -> lockout.checkNotLocked("k", "10.0.0.1"));
	}

	@ParameterizedTest
	@MethodSource("databases")
	void singleFailureSavedWithSecond(TestDatabase database) {
		SecretLockout lockout = lockout(database.dataSource(), PROPERTIES);

		lockout.recordFailure("k", "10.0.0.1");
		lockout.synchronize();
		long rowsAfterFirst = rows(database.dataSource());
		lockout.recordFailure("k", "10.0.0.1");
		lockout.synchronize();

		assertThat(rowsAfterFirst).isZero();
		assertThat(failuresInDatabase(database.dataSource(), "k", "10.0.0.1")).isEqualTo(2);
	}

	@ParameterizedTest
	@MethodSource("databases")
	void limitOfOneLocksAtFirstFailure(TestDatabase database) {
		AuthTokenProperties limitOfOne = properties(
				new MockEnvironment().withProperty("authtoken.lockout.max-failures", "1"));
		SecretLockout lockout = lockout(database.dataSource(), limitOfOne);

		lockout.recordFailure("k", "10.0.0.1");
		ApiException rejected = catchThrowableOfType(ApiException.class, () -> lockout.checkNotLocked("k", "10.0.0.1"));

		assertThat(rejected.errorCode()).isEqualTo(ErrorCode.TOO_MANY_ATTEMPTS);
		assertThat(failuresInDatabase(database.dataSource(), "k", "10.0.0.1")).isEqualTo(1);
		assertThat(lockoutsInDatabase(database.dataSource())).isEqualTo(1);
		assertThat(lockoutAuditEvents(database.dataSource())).isEqualTo(1);
	}

	@ParameterizedTest
	@MethodSource("databases")
	void limitReachedLocksAtOnce(TestDatabase database) {
		SecretLockout lockout = lockout(database.dataSource());

		for (int i = 0; i < 10; i++) {
			lockout.recordFailure("k", "10.0.0.1");
		}
		ApiException rejected = catchThrowableOfType(ApiException.class, () -> lockout.checkNotLocked("k", "10.0.0.1"));

		assertThat(rejected.errorCode()).isEqualTo(ErrorCode.TOO_MANY_ATTEMPTS);
		assertThat(rejected.retryAfter()).isEqualTo(Duration.ofMinutes(15));
		assertThat(failuresInDatabase(database.dataSource(), "k", "10.0.0.1")).isEqualTo(10);
		assertThat(lockoutsInDatabase(database.dataSource())).isEqualTo(1);
		assertThat(lockoutAuditEvents(database.dataSource())).isEqualTo(1);
		assertThatNoException().isThrownBy(() -> lockout.checkNotLocked("k", "10.0.0.2"));
	}

	@ParameterizedTest
	@MethodSource("databases")
	void sumOverInstancesLocksBoth(TestDatabase database) {
		SecretLockout first = lockout(database.dataSource());
		SecretLockout second = lockout(database.dataSource());
		for (int i = 0; i < 5; i++) {
			first.recordFailure("k", "10.0.0.1");
			second.recordFailure("k", "10.0.0.1");
		}
		assertThatNoException().isThrownBy(() -> first.checkNotLocked("k", "10.0.0.1"));
		assertThatNoException().isThrownBy(() -> second.checkNotLocked("k", "10.0.0.1"));

		first.synchronize();
		second.synchronize();
		this.clock.advance(Duration.ofSeconds(1));
		first.synchronize();

		assertThat(catchThrowableOfType(ApiException.class, () -> second.checkNotLocked("k", "10.0.0.1")).errorCode())
			.isEqualTo(ErrorCode.TOO_MANY_ATTEMPTS);
		assertThat(catchThrowableOfType(ApiException.class, () -> first.checkNotLocked("k", "10.0.0.1")).errorCode())
			.isEqualTo(ErrorCode.TOO_MANY_ATTEMPTS);
		assertThat(lockoutAuditEvents(database.dataSource())).isEqualTo(1);
	}

	@ParameterizedTest
	@MethodSource("databases")
	void endedWindowRestartsCount(TestDatabase database) {
		SecretLockout lockout = lockout(database.dataSource());
		for (int i = 0; i < 9; i++) {
			lockout.recordFailure("k", "10.0.0.1");
		}
		lockout.synchronize();

		this.clock.advance(Duration.ofMinutes(15));
		for (int i = 0; i < 9; i++) {
			lockout.recordFailure("k", "10.0.0.1");
		}
		lockout.synchronize();

		assertThatNoException().isThrownBy(() -> lockout.checkNotLocked("k", "10.0.0.1"));
		assertThat(failuresInDatabase(database.dataSource(), "k", "10.0.0.1")).isEqualTo(9);
	}

	@ParameterizedTest
	@MethodSource("databases")
	void unknownKeyLockedWithoutAuditEvent(TestDatabase database) {
		SecretLockout lockout = lockout(database.dataSource());

		for (int i = 0; i < 10; i++) {
			lockout.recordFailure("made-up", "10.0.0.1", false);
		}

		assertThat(catchThrowableOfType(ApiException.class, () -> lockout.checkNotLocked("made-up", "10.0.0.1"))
			.errorCode()).isEqualTo(ErrorCode.TOO_MANY_ATTEMPTS);
		assertThat(lockoutsInDatabase(database.dataSource())).isEqualTo(1);
		assertThat(lockoutAuditEvents(database.dataSource())).isZero();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void restartedInstanceKeepsSavedCount(TestDatabase database) {
		SecretLockout beforeRestart = lockout(database.dataSource());
		for (int i = 0; i < 9; i++) {
			beforeRestart.recordFailure("k", "10.0.0.1");
		}
		beforeRestart.synchronize();

		SecretLockout afterRestart = lockout(database.dataSource());
		afterRestart.recordFailure("k", "10.0.0.1");

		assertThat(catchThrowableOfType(ApiException.class, () -> afterRestart.checkNotLocked("k", "10.0.0.1"))
			.errorCode()).isEqualTo(ErrorCode.TOO_MANY_ATTEMPTS);
		assertThat(failuresInDatabase(database.dataSource(), "k", "10.0.0.1")).isEqualTo(10);
	}

	@ParameterizedTest
	@MethodSource("databases")
	void shutdownSavesUnsavedFailures(TestDatabase database) {
		SecretLockout stopping = lockout(database.dataSource());
		SecretLockout other = lockout(database.dataSource());
		for (int i = 0; i < 6; i++) {
			stopping.recordFailure("k", "10.0.0.1");
		}

		stopping.saveOnShutdown();
		for (int i = 0; i < 4; i++) {
			other.recordFailure("k", "10.0.0.1");
		}
		other.synchronize();

		assertThat(catchThrowableOfType(ApiException.class, () -> other.checkNotLocked("k", "10.0.0.1")).errorCode())
			.isEqualTo(ErrorCode.TOO_MANY_ATTEMPTS);
	}

	private SecretLockout lockout(DataSource dataSource) {
		return lockout(dataSource, PROPERTIES);
	}

	private SecretLockout lockout(DataSource dataSource, AuthTokenProperties properties) {
		return new SecretLockout(new JdbcLockoutStore(dataSource), TestAuditLogs.on(dataSource, this.clock, properties),
				TestMetrics.on(new SimpleMeterRegistry()), this.clock, properties);
	}

	private static AuthTokenProperties properties(MockEnvironment environment) {
		return new Binder(ConfigurationPropertySources.get(environment)).bindOrCreate("authtoken",
				Bindable.of(AuthTokenProperties.class));
	}

	private static long rows(DataSource dataSource) {
		return JdbcClient.create(dataSource).sql("SELECT COUNT(*) FROM secret_failure").query(Long.class).single();
	}

	private static int failuresInDatabase(DataSource dataSource, String key, String address) {
		return JdbcClient.create(dataSource)
			.sql("SELECT failures FROM secret_failure WHERE credential_key = ? AND client_address = ?")
			.params(key, address)
			.query(Integer.class)
			.single();
	}

	private static long lockoutsInDatabase(DataSource dataSource) {
		return JdbcClient.create(dataSource)
			.sql("SELECT COUNT(*) FROM secret_failure WHERE locked_until IS NOT NULL")
			.query(Long.class)
			.single();
	}

	private static long lockoutAuditEvents(DataSource dataSource) {
		return JdbcClient.create(dataSource)
			.sql("SELECT COUNT(*) FROM audit_event WHERE event_type = 'lockout'")
			.query(Long.class)
			.single();
	}

}
