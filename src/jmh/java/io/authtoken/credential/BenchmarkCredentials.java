package io.authtoken.credential;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.authtoken.config.AuthTokenProperties;

/**
 * Builds the parts of the token endpoints that benchmarks need without a database: the
 * default settings, and a {@link CredentialCache} over credentials held in memory and
 * encrypted as the service stores them.
 */
public final class BenchmarkCredentials {

	private BenchmarkCredentials() {
	}

	/**
	 * Returns the settings the service starts with when nothing is configured.
	 */
	public static AuthTokenProperties defaultProperties() {
		return new AuthTokenProperties(Path.of("./data"), null, new AuthTokenProperties.Admin(null, "admin"),
				new AuthTokenProperties.Token(Duration.ofHours(1), Duration.ofDays(1)),
				new AuthTokenProperties.Refresh(Duration.ofDays(1), Duration.ofSeconds(30), Duration.ofDays(30),
						Duration.ofHours(1)),
				new AuthTokenProperties.Credentials(Duration.ofSeconds(10), 100_000, Duration.ofDays(1),
						Duration.ofHours(1), null, false),
				new AuthTokenProperties.Lockout(10, Duration.ofMinutes(15), Duration.ofSeconds(1)),
				new AuthTokenProperties.RateLimit(false, 50, 100), List.of(), new AuthTokenProperties.Cors(List.of()),
				new AuthTokenProperties.Audit(Duration.ofDays(90), Duration.ofHours(1)));
	}

	/**
	 * Returns a cache over active standard credentials, one per entry of
	 * {@code secretsByKey}. The first lookup of each key decrypts its secret, as a cache
	 * miss in the service does.
	 */
	public static CredentialCache cache(Map<String, String> secretsByKey) throws GeneralSecurityException {
		AeadConfig.register();
		SecretCipher cipher = new SecretCipher(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
		InMemoryCredentialStore store = new InMemoryCredentialStore();
		Instant now = Instant.now();
		secretsByKey
			.forEach(
					(key, secret) -> store
						.insert(new StoredCredential(
								new Credential(key, key, CredentialStatus.ACTIVE, TokenFormat.STANDARD, now, now, null,
										null, null, null),
								cipher.encrypt(key, secret.getBytes(StandardCharsets.UTF_8)))));
		return new CredentialCache(store, cipher, defaultProperties(), Clock.systemUTC());
	}

	/**
	 * Holds credentials in a map. Only what {@link CredentialCache} calls is supported.
	 */
	private static final class InMemoryCredentialStore implements CredentialStore {

		private final Map<String, StoredCredential> credentials = new ConcurrentHashMap<>();

		@Override
		public void insert(StoredCredential credential) {
			this.credentials.put(credential.credential().key(), credential);
		}

		@Override
		public Optional<StoredCredential> find(String key) {
			return Optional.ofNullable(this.credentials.get(key));
		}

		@Override
		public List<Credential> list(CredentialFilter filter, int offset, int limit) {
			throw unsupported();
		}

		@Override
		public long count(CredentialFilter filter) {
			return this.credentials.size();
		}

		@Override
		public List<StoredCredential> listStoredAfter(String afterKey, int limit) {
			throw unsupported();
		}

		@Override
		public long countActive(Instant now) {
			return this.credentials.size();
		}

		@Override
		public boolean updateStatus(String key, CredentialStatus status, Instant updatedAt) {
			throw unsupported();
		}

		@Override
		public boolean update(String key, CredentialChanges changes, Instant updatedAt) {
			throw unsupported();
		}

		@Override
		public boolean rotateSecret(String key, String encryptedSecret, Instant previousValidUntil, Instant updatedAt) {
			throw unsupported();
		}

		@Override
		public boolean replaceSecret(String key, String encryptedSecret, Instant updatedAt) {
			throw unsupported();
		}

		@Override
		public boolean reencrypt(StoredCredential read, String encryptedSecret, String previousEncryptedSecret) {
			throw unsupported();
		}

		@Override
		public int purgePreviousSecrets(Instant now) {
			return 0;
		}

		@Override
		public boolean revokeTokens(String key, Instant before) {
			throw unsupported();
		}

		@Override
		public boolean delete(String key) {
			throw unsupported();
		}

		private static UnsupportedOperationException unsupported() {
			return new UnsupportedOperationException("Benchmarks only look credentials up by key");
		}

	}

}
