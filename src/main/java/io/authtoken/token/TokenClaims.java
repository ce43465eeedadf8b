package io.authtoken.token;

/**
 * The claims of a standard token. Times are JWT NumericDates: whole seconds since the
 * epoch.
 *
 * @param issuer {@code iss}, the credential key
 * @param issuedAt {@code iat}
 * @param expiresAt {@code exp}
 * @param jti {@code jti}, unique per token
 * @param chainId {@code sid}, shared by every token refreshed from the same
 * {@code POST /token}
 * @param chainStartedAt {@code auth_time}, when that {@code POST /token} checked the
 * secret
 */
public record TokenClaims(String issuer, long issuedAt, long expiresAt, String jti, String chainId,
		long chainStartedAt) {

}
