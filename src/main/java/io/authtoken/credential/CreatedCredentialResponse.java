package io.authtoken.credential;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Response of {@code POST /admin/credentials}: the only response that ever contains a
 * secret.
 */
@Schema(description = "The created credential, with its secret shown this once")
public record CreatedCredentialResponse(String key,
		@Schema(description = "The secret; store it now, because no other response shows it") String secret,
		String name, CredentialStatus status, TokenFormat tokenFormat, Instant createdAt) {

	@Override
	public String toString() {
		return "CreatedCredentialResponse[key=" + this.key + ", name=" + this.name + ", status=" + this.status + "]";
	}

}
