package io.authtoken.credential;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.authtoken.audit.AuditEventType;
import io.authtoken.audit.AuditLog;
import io.authtoken.audit.AuditOutcome;

import org.springframework.stereotype.Service;

/**
 * Encrypts every stored secret again under the primary key of the master keyset, the
 * middle step of a master key rotation: after it, no secret needs the old key, which can
 * then leave the keyset. Secrets already under the primary key are left alone, so a
 * second run reports none re-encrypted. Each credential is updated only if its secrets
 * did not change since they were read, so a rotation that runs at the same time wins and
 * is already under the primary key.
 */
@Service
class MasterKeyReencryption {

	private static final Logger logger = LoggerFactory.getLogger(MasterKeyReencryption.class);

	private static final int BATCH_SIZE = 100;

	private final CredentialStore store;

	private final SecretCipher cipher;

	private final CredentialCache cache;

	private final AuditLog audit;

	MasterKeyReencryption(CredentialStore store, SecretCipher cipher, CredentialCache cache, AuditLog audit) {
		this.store = store;
		this.cipher = cipher;
		this.cache = cache;
		this.audit = audit;
	}

	ReencryptionResult reencryptAll(String actor) {
		int reencrypted = 0;
		int alreadyCurrent = 0;
		List<String> failed = new ArrayList<>();
		String afterKey = null;
		List<StoredCredential> batch;
		do {
			batch = this.store.listStoredAfter(afterKey, BATCH_SIZE);
			for (StoredCredential stored : batch) {
				switch (reencrypt(stored)) {
					case REENCRYPTED -> reencrypted++;
					case ALREADY_CURRENT -> alreadyCurrent++;
					default -> failed.add(stored.credential().key());
				}
				afterKey = stored.credential().key();
			}
		}
		while (batch.size() == BATCH_SIZE);
		ReencryptionResult result = new ReencryptionResult(this.cipher.primaryKeyId(), reencrypted, alreadyCurrent,
				List.copyOf(failed));
		record(result, actor);
		return result;
	}

	/**
	 * Re-encrypts one credential's secrets, reading it again once if they changed
	 * meanwhile. A credential deleted meanwhile needs nothing and counts as current.
	 */
	private Step reencrypt(StoredCredential stored) {
		String key = stored.credential().key();
		try {
			Step step = reencryptOnce(stored);
			if (step == Step.CHANGED_MEANWHILE) {
				StoredCredential current = this.store.find(key).orElse(null);
				step = (current != null) ? reencryptOnce(current) : Step.ALREADY_CURRENT;
			}
			if (step == Step.CHANGED_MEANWHILE) {
				logger.error("Failed to re-encrypt the secrets of credential {}: they kept changing", key);
				return Step.FAILED;
			}
			return step;
		}
		catch (IllegalStateException ex) {
			logger.error(
					"Failed to re-encrypt the secrets of credential {}: no key of the master keyset decrypts " + "them",
					key);
			return Step.FAILED;
		}
		finally {
			this.cache.invalidate(key);
		}
	}

	private Step reencryptOnce(StoredCredential stored) {
		String key = stored.credential().key();
		String previous = stored.previousEncryptedSecret();
		if (this.cipher.encryptedUnderPrimaryKey(stored.encryptedSecret())
				&& (previous == null || this.cipher.encryptedUnderPrimaryKey(previous))) {
			return Step.ALREADY_CURRENT;
		}
		String secret = this.cipher.encrypt(key, this.cipher.decrypt(key, stored.encryptedSecret()));
		String previousSecret = (previous != null) ? this.cipher.encrypt(key, this.cipher.decrypt(key, previous))
				: null;
		return this.store.reencrypt(stored, secret, previousSecret) ? Step.REENCRYPTED : Step.CHANGED_MEANWHILE;
	}

	private void record(ReencryptionResult result, String actor) {
		String detail = result.reencrypted() + " re-encrypted, " + result.alreadyCurrent() + " already current, "
				+ result.failed().size() + " failed; primary key " + result.primaryKeyId();
		AuditOutcome outcome = result.failed().isEmpty() ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE;
		this.audit.record(AuditEventType.MASTER_KEY_REENCRYPTED, actor, null, outcome, detail);
		if (result.failed().isEmpty()) {
			logger.info("Re-encrypted the credential secrets under the primary master key: {}", detail);
		}
		else {
			logger.error("Re-encryption under the primary master key left {} credentials under an old key: {}; "
					+ "keep the old key in the keyset", result.failed().size(), detail);
		}
	}

	private enum Step {

		REENCRYPTED, ALREADY_CURRENT, CHANGED_MEANWHILE, FAILED

	}

}
