package io.authtoken.credential;

import java.time.Instant;

/**
 * A credential's public attributes: everything but the secret.
 */
public record Credential(String key, String name, CredentialStatus status, TokenFormat tokenFormat, Instant createdAt,
		Instant updatedAt) {

	Credential withStatus(CredentialStatus newStatus, Instant now) {
		return new Credential(this.key, this.name, newStatus, this.tokenFormat, this.createdAt, now);
	}

}
