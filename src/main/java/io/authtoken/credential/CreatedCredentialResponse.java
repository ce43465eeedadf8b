package io.authtoken.credential;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Response of {@code POST /admin/credentials}: with the rotation response, the only
 * response that ever contains a secret.
 */
@Schema(description = "The created credential, with its secret shown this once")
public record CreatedCredentialResponse(String key,
		@Schema(description = "The secret; store it now, because no other response shows it") String secret,
		String name, CredentialStatus status, TokenFormat tokenFormat, Instant createdAt,
		@Schema(nullable = true) Instant expiresAt,
		@Schema(description = "ISO-8601 token lifetime, or null for the default", example = "PT15M",
				nullable = true) String tokenTtl) {

	@Override
	public String toString() {
		return "CreatedCredentialResponse[key=" + this.key + ", name=" + this.name + ", status=" + this.status + "]";
	}

}
