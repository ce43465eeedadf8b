package io.authtoken.credential;

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

	CredentialCache(CredentialStore store, SecretCipher cipher, AuthTokenProperties properties) {
		AuthTokenProperties.Credentials settings = properties.credentials();
		this.cache = Caffeine.newBuilder()
			.maximumSize(settings.cacheSize())
			.expireAfterWrite(settings.cacheTtl())
			.build((key) -> store.find(key).map((stored) -> decrypt(stored, cipher)));
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

	private static SigningCredential decrypt(StoredCredential stored, SecretCipher cipher) {
		Credential credential = stored.credential();
		byte[] secret = cipher.decrypt(credential.key(), stored.encryptedSecret());
		return new SigningCredential(credential.key(), secret, credential.status(), credential.tokenFormat());
	}

}
