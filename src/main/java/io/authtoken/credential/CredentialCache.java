package io.authtoken.credential;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.authtoken.config.AuthTokenProperties;

import org.springframework.stereotype.Component;

/**
 * Looks up credentials for the token endpoints, with decrypted secrets, from memory when
 * it can. Unknown keys are cached too, so that a flood of them does not reach the
 * database on every request. Entries live for {@code authtoken.credentials.cache-ttl}: a
 * change made on another instance takes up to that long to show here, and a change made
 * on this instance shows at once.
 */
@Component
public class CredentialCache {

	private final LoadingCache<String, Optional<SigningCredential>> cache;

	CredentialCache(CredentialStore store, SecretCipher cipher, AuthTokenProperties properties, Clock clock) {
		AuthTokenProperties.Credentials settings = properties.credentials();
		this.cache = Caffeine.newBuilder()
			.maximumSize(settings.cacheSize())
			.expireAfterWrite(settings.cacheTtl())
			.build((key) -> store.find(key).map((stored) -> decrypt(stored, cipher, clock.instant())));
	}

	/**
	 * Finds a credential by key.
	 * @return the credential, or empty if no credential has this key
	 */
	public Optional<SigningCredential> find(String key) {
		return this.cache.get(key);
	}

	void invalidate(String key) {
		this.cache.invalidate(key);
	}

	/**
	 * Decrypts the secrets of a stored credential. A previous secret whose overlap has
	 * ended is left out, even if the purge job has not deleted it yet.
	 */
	private static SigningCredential decrypt(StoredCredential stored, SecretCipher cipher, Instant now) {
		Credential credential = stored.credential();
		byte[] secret = cipher.decrypt(credential.key(), stored.encryptedSecret());
		Instant previousValidUntil = credential.previousSecretValidUntil(now);
		byte[] previous = (previousValidUntil != null && stored.previousEncryptedSecret() != null)
				? cipher.decrypt(credential.key(), stored.previousEncryptedSecret()) : null;
		return new SigningCredential(credential.key(), secret, previous, (previous != null) ? previousValidUntil : null,
				credential.status(), credential.tokenFormat(), credential.expiresAt(), credential.tokenTtl());
	}

}
