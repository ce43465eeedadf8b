package io.authtoken.refresh;

import java.time.Instant;

/**
 * Records which tokens have been refreshed, so that each is refreshed once. The record is
 * the only coordination between threads and service instances, so it must be one atomic
 * insert-if-absent.
 */
interface RefreshStore {

	/**
	 * Records the refresh of one token.
	 * @param credentialKey the token's {@code iss}
	 * @param jti the token's {@code jti}
	 * @param refreshedAt when the refresh happened
	 * @param expiresAt after this the token can no longer be refreshed, so the record can
	 * be deleted
	 * @return {@code true} if this call recorded the refresh, {@code false} if the token
	 * had been refreshed before
	 */
	boolean recordRefresh(String credentialKey, String jti, Instant refreshedAt, Instant expiresAt);

}
