package io.authtoken.credential;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.authtoken.config.InvalidConfigurationException;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when the master key cannot decrypt the stored secrets, for example
 * after a generated key file was lost or a different {@code AUTHTOKEN_MASTER_KEY} was
 * set. Without this check the service would start and then fail every token request.
 */
@Component
class MasterKeyCheck implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(MasterKeyCheck.class);

	private final CredentialStore store;

	private final SecretCipher cipher;

	MasterKeyCheck(CredentialStore store, SecretCipher cipher) {
		this.store = store;
		this.cipher = cipher;
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (Credential credential : this.store.list(CredentialFilter.ALL, 0, 1)) {
			StoredCredential stored = this.store.find(credential.key()).orElse(null);
			if (stored != null) {
				try {
					this.cipher.decrypt(stored.credential().key(), stored.encryptedSecret());
				}
				catch (IllegalStateException ex) {
					throw new InvalidConfigurationException("authtoken.master-key (AUTHTOKEN_MASTER_KEY)",
							"the master key cannot decrypt the stored credential secrets",
							"Set AUTHTOKEN_MASTER_KEY to the key they were stored under, or restore master-key.json "
									+ "in the data directory",
							ex);
				}
				logger.info("The master key decrypts the stored credential secrets");
			}
		}
	}

}
