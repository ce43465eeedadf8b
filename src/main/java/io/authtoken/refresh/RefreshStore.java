package io.authtoken.refresh;

import java.time.Instant;
import java.util.Optional;

/**
 * Records which tokens have been refreshed and which chains are revoked. The database is
 * the only coordinator between threads and service instances, so every decision rests on
 * one atomic statement: an insert that fails on a duplicate primary key.
 */
interface RefreshStore {

	/**
	 * Records the first refresh of a token.
	 * @return empty if this call recorded the refresh, or the record of the earlier
	 * refresh of the same token
	 */
	Optional<RefreshRecord> recordRefresh(RefreshRecord record);

	/**
	 * Reads what could stop a chain from being refreshed, in one round trip.
	 */
	Revocation findRevocation(String credentialKey, String chainId);

	/**
	 * Revokes a chain; revoking it again changes nothing.
	 * @param expiresAt when the chain passes its maximum age, after which the record can
	 * go
	 * @return {@code true} if this call revoked the chain, {@code false} if it was
	 * revoked already
	 */
	boolean revokeChain(String credentialKey, String chainId, Instant revokedAt, Instant expiresAt);

	/**
	 * Deletes the records that expired before {@code now}. Safe to run on every instance
	 * at once, because deleting a deleted row changes nothing.
	 * @return the number of records deleted
	 */
	int purgeExpired(Instant now);

	/**
	 * What the database says about a chain's revocation.
	 *
	 * @param tokensRevokedBefore chains of the credential that started before this time
	 * are revoked, or {@code null} when the credential's tokens were never revoked
	 * @param chainRevoked whether this chain was revoked after a reuse
	 */
	record Revocation(Instant tokensRevokedBefore, boolean chainRevoked) {

	}

}
