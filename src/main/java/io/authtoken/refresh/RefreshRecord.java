package io.authtoken.refresh;

import java.time.Instant;

/**
 * The record of one token's first refresh, and of the successor it produced. Times of the
 * successor are JWT NumericDates, whole seconds since the epoch.
 *
 * @param credentialKey the refreshed token's {@code iss}
 * @param jti the refreshed token's {@code jti}
 * @param chainId the chain both tokens belong to
 * @param refreshedAt when the first refresh happened
 * @param expiresAt after this the refreshed token can no longer be refreshed, so the
 * record can be deleted
 * @param successorJti the successor's {@code jti}
 * @param successorIssuedAt the successor's {@code iat}
 * @param successorExpiresAt the successor's {@code exp}
 */
record RefreshRecord(String credentialKey, String jti, String chainId, Instant refreshedAt, Instant expiresAt,
		String successorJti, long successorIssuedAt, long successorExpiresAt) {

}
