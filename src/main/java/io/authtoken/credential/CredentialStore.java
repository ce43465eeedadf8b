package io.authtoken.credential;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Persistent storage of credentials. Implementations must be safe for several service
 * instances sharing one database: each method is one atomic statement.
 */
interface CredentialStore {

	/**
	 * Inserts a new credential.
	 * @throws DuplicateCredentialException if a credential with the same key exists
	 */
	void insert(StoredCredential credential);

	Optional<StoredCredential> find(String key);

	/**
	 * Returns one page of the credentials that match the filter, ordered by creation
	 * time, then key, so that pages do not overlap while credentials are added.
	 */
	List<Credential> list(CredentialFilter filter, int offset, int limit);

	long count(CredentialFilter filter);

	/**
	 * Returns up to {@code limit} stored credentials whose key sorts after
	 * {@code afterKey}, in key order, for walking through all of them.
	 * @param afterKey the last key of the previous batch, or {@code null} to start
	 */
	List<StoredCredential> listStoredAfter(String afterKey, int limit);

	/**
	 * Returns the number of credentials that may issue tokens at {@code now}: active and
	 * not expired.
	 */
	long countActive(Instant now);

	/**
	 * Sets a credential's status.
	 * @return {@code false} if no credential has that key
	 */
	boolean updateStatus(String key, CredentialStatus status, Instant updatedAt);

	/**
	 * Changes the attributes named in {@code changes}.
	 * @return {@code false} if no credential has that key
	 */
	boolean update(String key, CredentialChanges changes, Instant updatedAt);

	/**
	 * Replaces the secret and keeps the replaced one as the previous secret until
	 * {@code previousValidUntil}, dropping any earlier previous secret.
	 * @param previousValidUntil end of the overlap, or {@code null} to keep no previous
	 * secret
	 * @return {@code false} if no credential has that key
	 */
	boolean rotateSecret(String key, String encryptedSecret, Instant previousValidUntil, Instant updatedAt);

	/**
	 * Replaces the secret without an overlap, dropping any previous secret.
	 * @return {@code false} if no credential has that key Tokens signed with the replaced
	 * secret stop being refreshable: their chains started before {@code updatedAt}.
	 */
	boolean replaceSecret(String key, String encryptedSecret, Instant updatedAt);

	/**
	 * Stores secrets encrypted again under another master key, but only if the stored
	 * ciphertexts are still the ones that were read, so that a concurrent rotation is not
	 * undone.
	 * @return {@code false} if the credential is gone or its secrets changed meanwhile
	 */
	boolean reencrypt(StoredCredential read, String encryptedSecret, String previousEncryptedSecret);

	/**
	 * Deletes the previous secrets whose overlap ended before {@code now}. Safe to run on
	 * every instance at once.
	 * @return the number of credentials changed
	 */
	int purgePreviousSecrets(Instant now);

	/**
	 * Makes every chain of the credential's tokens that started before {@code before}
	 * unrefreshable.
	 * @return {@code false} if no credential has that key
	 */
	boolean revokeTokens(String key, Instant before);

	/**
	 * Deletes a credential.
	 * @return {@code false} if no credential has that key
	 */
	boolean delete(String key);

}
