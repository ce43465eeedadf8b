package io.authtoken.credential;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Response of {@code POST /admin/credentials/{key}/rotate}, the one response besides
 * creation that contains a secret.
 */
@Schema(description = "The new secret, shown this once")
public record RotatedSecretResponse(String key, @Schema(
		description = "The new secret; set it at the gateway now, because no other response shows it") String secret,
		@Schema(description = "Until this time POST /token and POST /token/refresh also accept the previous secret; "
				+ "null when the overlap is zero", nullable = true) Instant previousSecretValidUntil,
		Instant rotatedAt) {

	@Override
	public String toString() {
		return "RotatedSecretResponse[key=" + this.key + ", previousSecretValidUntil=" + this.previousSecretValidUntil
				+ "]";
	}

}
