package io.authtoken.token;

import java.time.Instant;

/**
 * A token just signed, with the times a client needs to schedule its refresh.
 *
 * @param token the compact JWS
 * @param expiresIn seconds from now until {@code exp}, or {@code null} for a legacy token
 * that never expires
 * @param expiresAt the {@code exp} claim as an instant, or {@code null}
 * @param refreshExpiresAt the last moment the token can be refreshed, or {@code null}
 */
public record IssuedToken(String token, Long expiresIn, Instant expiresAt, Instant refreshExpiresAt) {

	@Override
	public String toString() {
		return "IssuedToken[expiresAt=" + this.expiresAt + "]";
	}

}
