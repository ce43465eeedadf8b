package io.authtoken.credential;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A credential as the admin API lists it, without its secret.
 */
@Schema(description = "A credential, without its secret")
public record CredentialResponse(String key, String name, CredentialStatus status, TokenFormat tokenFormat,
		Instant createdAt, Instant updatedAt,
		@Schema(description = "Chains of tokens that started before this time cannot be refreshed",
				nullable = true) Instant tokensRevokedBefore) {

	static CredentialResponse from(Credential credential) {
		return new CredentialResponse(credential.key(), credential.name(), credential.status(),
				credential.tokenFormat(), credential.createdAt(), credential.updatedAt(),
				credential.tokensRevokedBefore());
	}

}
