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
	 * Returns one page of credentials ordered by creation time, then key, so that pages
	 * do not overlap while credentials are added.
	 */
	List<Credential> list(int offset, int limit);

	long count();

	/**
	 * Returns the number of credentials that may issue tokens.
	 */
	long countActive();

	/**
	 * Sets a credential's status.
	 * @return {@code false} if no credential has that key
	 */
	boolean updateStatus(String key, CredentialStatus status, Instant updatedAt);

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
