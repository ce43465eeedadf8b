package io.authtoken.token;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Answer of {@code POST /token} and {@code POST /token/refresh}. The three time members
 * are {@code null} for a legacy token, which never expires.
 */
@Schema(description = "An issued token")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TokenResponse(
		@Schema(description = "The JWT, to send to the gateway as 'Authorization: Bearer <token>'") String token,
		@Schema(example = "Bearer") String tokenType,
		@Schema(description = "Seconds until the token expires", example = "3600", nullable = true) Long expiresIn,
		@Schema(description = "When the token expires (its exp claim)", nullable = true) Instant expiresAt,
		@Schema(description = "The last moment POST /token/refresh accepts this token",
				nullable = true) Instant refreshExpiresAt) {

	public static TokenResponse from(IssuedToken issued) {
		return new TokenResponse(issued.token(), "Bearer", issued.expiresIn(), issued.expiresAt(),
				issued.refreshExpiresAt());
	}

	@Override
	public String toString() {
		return "TokenResponse[expiresAt=" + this.expiresAt + "]";
	}

}
