package io.authtoken.token;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Body of {@code POST /token}.
 */
@Schema(description = "The credential to issue a token for")
public record TokenRequest(
		@Schema(description = "The credential key", example = "398e54e888da42f8d089je28c298o42b",
				requiredMode = Schema.RequiredMode.REQUIRED) String key,
		@Schema(description = "The credential secret", example = "07c6e2t1rb92987fnrd705jkk8582p9e",
				requiredMode = Schema.RequiredMode.REQUIRED) String secret) {

	@Override
	public String toString() {
		return "TokenRequest[key=" + this.key + "]";
	}

}
