package io.authtoken.token;

import io.authtoken.credential.SigningCredential;
import io.authtoken.web.ClientAddress;
import io.authtoken.web.ErrorCode;
import io.authtoken.web.ProblemResponses;
import io.authtoken.web.TokenMetrics;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /token}: exchanges a credential's key and secret for a signed token.
 */
@RestController
@Tag(name = "Tokens", description = "Issue and refresh tokens")
class TokenController {

	private final CredentialAuthenticator authenticator;

	private final TokenIssuer issuer;

	private final TokenMetrics metrics;

	TokenController(CredentialAuthenticator authenticator, TokenIssuer issuer, TokenMetrics metrics) {
		this.authenticator = authenticator;
		this.issuer = issuer;
		this.metrics = metrics;
	}

	@PostMapping(path = "/token", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Issue a token for a key and secret",
			description = "Returns an HS256 JWT signed with the credential's secret, with iss set to the key.")
	@ProblemResponses({ ErrorCode.INVALID_REQUEST, ErrorCode.UNSUPPORTED_MEDIA_TYPE, ErrorCode.PAYLOAD_TOO_LARGE,
			ErrorCode.INVALID_CREDENTIALS, ErrorCode.TOO_MANY_ATTEMPTS, ErrorCode.RATE_LIMITED,
			ErrorCode.CREDENTIAL_DISABLED, ErrorCode.CREDENTIAL_EXPIRED, ErrorCode.CORS_REQUEST_REJECTED })
	TokenResponse issue(@RequestBody TokenRequest request, HttpServletRequest servletRequest) {
		SigningCredential credential = this.authenticator.authenticate(request, ClientAddress.of(servletRequest));

		TokenResponse response = TokenResponse.from(this.issuer.issue(credential));
		this.metrics.issued(TokenMetrics.Endpoint.TOKEN, credential.tokenFormat());
		return response;
	}

}
