package io.authtoken.refresh;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Body of {@code POST /token/refresh}.
 */
@Schema(description = "The token to exchange for a new one")
public record RefreshRequest(@Schema(description = "A token issued by this service, not yet refreshed",
		requiredMode = Schema.RequiredMode.REQUIRED) String token) {

	@Override
	public String toString() {
		return "RefreshRequest[]";
	}

}
