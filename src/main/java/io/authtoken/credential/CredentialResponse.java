package io.authtoken.credential;

import java.time.Duration;
import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A credential as the admin API lists it, without its secret.
 */
@Schema(description = "A credential, without its secret")
public record CredentialResponse(String key, String name, CredentialStatus status, TokenFormat tokenFormat,
		Instant createdAt, Instant updatedAt,
		@Schema(description = "Chains of tokens that started before this time cannot be refreshed",
				nullable = true) Instant tokensRevokedBefore,
		@Schema(description = "After this time the credential issues and refreshes nothing",
				nullable = true) Instant expiresAt,
		@Schema(description = "ISO-8601 token lifetime, or null for the default", example = "PT15M",
				nullable = true) String tokenTtl,
		@Schema(description = "End of the running rotation overlap, during which the previous secret is still "
				+ "accepted", nullable = true) Instant previousSecretValidUntil) {

	/**
	 * Returns the response for a credential as it is at {@code now}: an overlap that has
	 * ended shows as {@code null}.
	 */
	static CredentialResponse from(Credential credential, Instant now) {
		return new CredentialResponse(credential.key(), credential.name(), credential.status(),
				credential.tokenFormat(), credential.createdAt(), credential.updatedAt(),
				credential.tokensRevokedBefore(), credential.expiresAt(), format(credential.tokenTtl()),
				credential.previousSecretValidUntil(now));
	}

	static String format(Duration duration) {
		return (duration != null) ? duration.toString() : null;
	}

}
