package io.authtoken.refresh;

import io.authtoken.credential.TokenFormat;
import io.authtoken.token.TokenResponse;
import io.authtoken.web.ApiException;
import io.authtoken.web.ErrorCode;
import io.authtoken.web.ProblemResponses;
import io.authtoken.web.TokenMetrics;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /token/refresh}: exchanges a token, once, for a new one, without the
 * secret.
 */
@RestController
@Tag(name = "Tokens")
class RefreshController {

	private final RefreshService service;

	private final TokenMetrics metrics;

	RefreshController(RefreshService service, TokenMetrics metrics) {
		this.service = service;
		this.metrics = metrics;
	}

	@PostMapping(path = "/token/refresh", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Exchange a token for a new one",
			description = "Each token can be refreshed once, up to the refresh window after its exp. A repeat within "
					+ "the reuse grace period returns the same new token; a later repeat revokes the token's chain.")
	@ProblemResponses({ ErrorCode.INVALID_REQUEST, ErrorCode.UNSUPPORTED_MEDIA_TYPE, ErrorCode.PAYLOAD_TOO_LARGE,
			ErrorCode.TOKEN_NOT_REFRESHABLE, ErrorCode.RATE_LIMITED, ErrorCode.INVALID_TOKEN,
			ErrorCode.REFRESH_WINDOW_EXPIRED, ErrorCode.TOKEN_REUSED, ErrorCode.TOKEN_REVOKED,
			ErrorCode.CREDENTIAL_DISABLED, ErrorCode.CREDENTIAL_EXPIRED, ErrorCode.CORS_REQUEST_REJECTED })
	TokenResponse refresh(@RequestBody RefreshRequest request) {
		if (request.token() == null || request.token().isBlank()) {
			throw ApiException.invalidField("token", "must not be blank");
		}

		TokenResponse response = TokenResponse.from(this.service.refresh(request.token()));
		// Only standard tokens can be refreshed: the service rejects legacy ones.
		this.metrics.issued(TokenMetrics.Endpoint.REFRESH, TokenFormat.STANDARD);
		return response;
	}

}
