package io.authtoken.credential;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.authtoken.support.TestDatabases;
import io.authtoken.support.TestDatabases.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Credential storage, on H2 and on PostgreSQL.
 */
class JdbcCredentialStoreTests {

	private static final Instant CREATED = Instant.parse("2026-01-01T10:00:00.123456Z");

	static Stream<TestDatabase> databases() {
		return TestDatabases.all();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void insertThenFindReturnsEveryAttribute(TestDatabase database) {
		JdbcCredentialStore store = new JdbcCredentialStore(database.dataSource());
		StoredCredential stored = credential("key-\"quoted\\", CREATED, TokenFormat.LEGACY);

		store.insert(stored);

		assertThat(store.find("key-\"quoted\\")).contains(stored);
		assertThat(store.find("KEY-\"QUOTED\\")).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void insertWhenKeyExistsThenDuplicateCredentialException(TestDatabase database) {
		JdbcCredentialStore store = new JdbcCredentialStore(database.dataSource());
		store.insert(credential("dup", CREATED, TokenFormat.STANDARD));

		assertThatExceptionOfType(DuplicateCredentialException.class)
			.isThrownBy(() -> store.insert(credential("dup", CREATED, TokenFormat.STANDARD)));
	}

	@ParameterizedTest
	@MethodSource("databases")
	void listOrdersByCreationThenKeyAndPages(TestDatabase database) {
		JdbcCredentialStore store = new JdbcCredentialStore(database.dataSource());
		store.insert(credential("b", CREATED, TokenFormat.STANDARD));
		store.insert(credential("a", CREATED, TokenFormat.STANDARD));
		store.insert(credential("c", CREATED.minusSeconds(1), TokenFormat.STANDARD));

		List<String> firstPage = store.list(0, 2).stream().map(Credential::key).toList();
		List<String> secondPage = store.list(2, 2).stream().map(Credential::key).toList();

		assertThat(firstPage).containsExactly("c", "a");
		assertThat(secondPage).containsExactly("b");
		assertThat(store.count()).isEqualTo(3);
	}

	@ParameterizedTest
	@MethodSource("databases")
	void updateStatusAndDeleteReportWhetherKeyExisted(TestDatabase database) {
		JdbcCredentialStore store = new JdbcCredentialStore(database.dataSource());
		store.insert(credential("k", CREATED, TokenFormat.STANDARD));
		Instant later = CREATED.plusSeconds(5);

		assertThat(store.updateStatus("k", CredentialStatus.DISABLED, later)).isTrue();
		assertThat(store.find("k").get().credential().status()).isEqualTo(CredentialStatus.DISABLED);
		assertThat(store.find("k").get().credential().updatedAt()).isEqualTo(later);
		assertThat(store.updateStatus("missing", CredentialStatus.DISABLED, later)).isFalse();
		assertThat(store.delete("k")).isTrue();
		assertThat(store.delete("k")).isFalse();
		assertThat(store.find("k")).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void revokeTokensStoresCutOffAndReportsWhetherKeyExisted(TestDatabase database) {
		JdbcCredentialStore store = new JdbcCredentialStore(database.dataSource());
		store.insert(credential("k", CREATED, TokenFormat.STANDARD));
		Instant cutOff = CREATED.plusSeconds(60);

		assertThat(store.revokeTokens("k", cutOff)).isTrue();
		assertThat(store.revokeTokens("missing", cutOff)).isFalse();
		assertThat(store.find("k").get().credential().tokensRevokedBefore()).isEqualTo(cutOff);
	}

	private static StoredCredential credential(String key, Instant createdAt, TokenFormat format) {
		return new StoredCredential(
				new Credential(key, "name of " + key, CredentialStatus.ACTIVE, format, createdAt, createdAt, null),
				"ciphertext-of-" + key);
	}

}
