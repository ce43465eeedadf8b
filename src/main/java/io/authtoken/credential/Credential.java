package io.authtoken.credential;

import java.time.Duration;
import java.time.Instant;

/**
 * A credential's public attributes: everything but the secret.
 *
 * @param tokensRevokedBefore chains of refreshed tokens that started before this time
 * cannot be refreshed, or {@code null} if the credential's tokens were never revoked
 * @param expiresAt after this the credential issues and refreshes nothing, or
 * {@code null} if it never expires
 * @param tokenTtl lifetime of its standard tokens, or {@code null} for the configured
 * default
 * @param previousSecretValidUntil end of the overlap after a rotation, during which the
 * previous secret is still accepted, or {@code null} outside an overlap; a past value
 * means the overlap has ended
 */
public record Credential(String key, String name, CredentialStatus status, TokenFormat tokenFormat, Instant createdAt,
		Instant updatedAt, Instant tokensRevokedBefore, Instant expiresAt, Duration tokenTtl,
		Instant previousSecretValidUntil) {

	/**
	 * Returns whether the credential has expired at {@code now}.
	 */
	public boolean expired(Instant now) {
		return this.expiresAt != null && !now.isBefore(this.expiresAt);
	}

	/**
	 * Returns the end of the rotation overlap if it is still running at {@code now}, or
	 * {@code null}.
	 */
	Instant previousSecretValidUntil(Instant now) {
		return (this.previousSecretValidUntil != null && now.isBefore(this.previousSecretValidUntil))
				? this.previousSecretValidUntil : null;
	}

}
