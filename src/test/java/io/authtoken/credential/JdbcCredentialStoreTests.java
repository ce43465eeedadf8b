package io.authtoken.credential;

import java.time.Duration;
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

		List<String> firstPage = store.list(CredentialFilter.ALL, 0, 2).stream().map(Credential::key).toList();
		List<String> secondPage = store.list(CredentialFilter.ALL, 2, 2).stream().map(Credential::key).toList();

		assertThat(firstPage).containsExactly("c", "a");
		assertThat(secondPage).containsExactly("b");
		assertThat(store.count(CredentialFilter.ALL)).isEqualTo(3);
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

	@ParameterizedTest
	@MethodSource("databases")
	void insertThenFindReturnsLifetimeAndPreviousSecret(TestDatabase database) {
		JdbcCredentialStore store = new JdbcCredentialStore(database.dataSource());
		Credential credential = new Credential("k", "n", CredentialStatus.ACTIVE, TokenFormat.STANDARD, CREATED,
				CREATED, null, CREATED.plusSeconds(3600), Duration.ofMinutes(5), CREATED.plusSeconds(60));
		StoredCredential stored = new StoredCredential(credential, "current", "previous");

		store.insert(stored);

		assertThat(store.find("k")).contains(stored);
	}

	@ParameterizedTest
	@MethodSource("databases")
	void rotateSecretKeepsReplacedSecretUntilOverlapEnds(TestDatabase database) {
		JdbcCredentialStore store = new JdbcCredentialStore(database.dataSource());
		store.insert(credential("k", CREATED, TokenFormat.STANDARD));
		Instant overlapEnd = CREATED.plusSeconds(86400);

		assertThat(store.rotateSecret("k", "second", overlapEnd, CREATED.plusSeconds(1))).isTrue();
		StoredCredential once = store.find("k").get();
		assertThat(store.rotateSecret("k", "third", overlapEnd.plusSeconds(5), CREATED.plusSeconds(5))).isTrue();
		StoredCredential twice = store.find("k").get();
		assertThat(store.rotateSecret("k", "fourth", null, CREATED.plusSeconds(6))).isTrue();
		StoredCredential withoutOverlap = store.find("k").get();

		assertThat(once.encryptedSecret()).isEqualTo("second");
		assertThat(once.previousEncryptedSecret()).isEqualTo("ciphertext-of-k");
		assertThat(once.credential().previousSecretValidUntil()).isEqualTo(overlapEnd);
		assertThat(once.credential().updatedAt()).isEqualTo(CREATED.plusSeconds(1));
		assertThat(twice.previousEncryptedSecret()).isEqualTo("second");
		assertThat(twice.credential().previousSecretValidUntil()).isEqualTo(overlapEnd.plusSeconds(5));
		assertThat(withoutOverlap.encryptedSecret()).isEqualTo("fourth");
		assertThat(withoutOverlap.previousEncryptedSecret()).isNull();
		assertThat(withoutOverlap.credential().previousSecretValidUntil()).isNull();
		assertThat(store.rotateSecret("missing", "x", overlapEnd, CREATED)).isFalse();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void purgePreviousSecretsDeletesOnlyEndedOverlaps(TestDatabase database) {
		JdbcCredentialStore store = new JdbcCredentialStore(database.dataSource());
		store.insert(credential("ended", CREATED, TokenFormat.STANDARD));
		store.insert(credential("running", CREATED, TokenFormat.STANDARD));
		store.rotateSecret("ended", "new-ended", CREATED.plusSeconds(10), CREATED);
		store.rotateSecret("running", "new-running", CREATED.plusSeconds(11), CREATED);

		int purged = store.purgePreviousSecrets(CREATED.plusSeconds(10));

		assertThat(purged).isEqualTo(1);
		assertThat(store.find("ended").get().previousEncryptedSecret()).isNull();
		assertThat(store.find("ended").get().credential().previousSecretValidUntil()).isNull();
		assertThat(store.find("ended").get().encryptedSecret()).isEqualTo("new-ended");
		assertThat(store.find("running").get().previousEncryptedSecret()).isEqualTo("ciphertext-of-running");
	}

	@ParameterizedTest
	@MethodSource("databases")
	void updateChangesOnlyNamedAttributes(TestDatabase database) {
		JdbcCredentialStore store = new JdbcCredentialStore(database.dataSource());
		store.insert(credential("k", CREATED, TokenFormat.STANDARD));
		Instant later = CREATED.plusSeconds(5);

		store.update("k", new CredentialChanges(null, null, true, later, true, Duration.ofMinutes(3)), later);
		Credential lifetimes = store.find("k").get().credential();
		store.update("k", new CredentialChanges("renamed", TokenFormat.LEGACY, true, null, false, null), later);
		Credential renamed = store.find("k").get().credential();

		assertThat(lifetimes.name()).isEqualTo("name of k");
		assertThat(lifetimes.expiresAt()).isEqualTo(later);
		assertThat(lifetimes.tokenTtl()).isEqualTo(Duration.ofMinutes(3));
		assertThat(lifetimes.updatedAt()).isEqualTo(later);
		assertThat(renamed.name()).isEqualTo("renamed");
		assertThat(renamed.tokenFormat()).isEqualTo(TokenFormat.LEGACY);
		assertThat(renamed.expiresAt()).isNull();
		assertThat(renamed.tokenTtl()).isEqualTo(Duration.ofMinutes(3));
		assertThat(store.update("missing", new CredentialChanges("x", null, false, null, false, null), later))
			.isFalse();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void listFiltersByStatusAndLiteralNamePrefix(TestDatabase database) {
		JdbcCredentialStore store = new JdbcCredentialStore(database.dataSource());
		for (String name : new String[] { "team_a%", "team_a%-2", "teamXaY", "team\\a", "other" }) {
			store.insert(new StoredCredential(new Credential("key-" + name, name, CredentialStatus.ACTIVE,
					TokenFormat.STANDARD, CREATED, CREATED, null, null, null, null), "ciphertext"));
		}
		store.updateStatus("key-team_a%-2", CredentialStatus.DISABLED, CREATED);

		assertThat(names(store, new CredentialFilter(null, "team_a%"))).containsExactly("team_a%", "team_a%-2");
		assertThat(names(store, new CredentialFilter(CredentialStatus.ACTIVE, "team_a%"))).containsExactly("team_a%");
		assertThat(names(store, new CredentialFilter(null, "team\\"))).containsExactly("team\\a");
		assertThat(names(store, new CredentialFilter(CredentialStatus.DISABLED, null))).containsExactly("team_a%-2");
		assertThat(store.count(new CredentialFilter(null, "team"))).isEqualTo(4);
	}

	@ParameterizedTest
	@MethodSource("databases")
	void reencryptWhenSecretsChangedThenNothingWritten(TestDatabase database) {
		JdbcCredentialStore store = new JdbcCredentialStore(database.dataSource());
		store.insert(credential("plain", CREATED, TokenFormat.STANDARD));
		store.insert(credential("rotated", CREATED, TokenFormat.STANDARD));
		store.rotateSecret("rotated", "second", CREATED.plusSeconds(60), CREATED);
		StoredCredential plain = store.find("plain").get();
		StoredCredential rotated = store.find("rotated").get();
		store.rotateSecret("plain", "changed", CREATED.plusSeconds(60), CREATED);

		boolean plainWritten = store.reencrypt(plain, "plain-under-b", null);
		boolean rotatedWritten = store.reencrypt(rotated, "second-under-b", "first-under-b");

		assertThat(plainWritten).isFalse();
		assertThat(store.find("plain").get().encryptedSecret()).isEqualTo("changed");
		assertThat(rotatedWritten).isTrue();
		assertThat(store.find("rotated").get().encryptedSecret()).isEqualTo("second-under-b");
		assertThat(store.find("rotated").get().previousEncryptedSecret()).isEqualTo("first-under-b");
		assertThat(store.listStoredAfter("plain", 10)).extracting((stored) -> stored.credential().key())
			.containsExactly("rotated");
	}

	private static List<String> names(JdbcCredentialStore store, CredentialFilter filter) {
		return store.list(filter, 0, 10).stream().map(Credential::name).toList();
	}

	private static StoredCredential credential(String key, Instant createdAt, TokenFormat format) {
		return new StoredCredential(new Credential(key, "name of " + key, CredentialStatus.ACTIVE, format, createdAt,
				createdAt, null, null, null, null), "ciphertext-of-" + key);
	}

}
