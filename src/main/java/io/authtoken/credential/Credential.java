package io.authtoken.credential;

import java.time.Instant;

/**
 * A credential's public attributes: everything but the secret.
 *
 * @param tokensRevokedBefore chains of refreshed tokens that started before this time
 * cannot be refreshed, or {@code null} if the credential's tokens were never revoked
 */
public record Credential(String key, String name, CredentialStatus status, TokenFormat tokenFormat, Instant createdAt,
		Instant updatedAt, Instant tokensRevokedBefore) {

}
