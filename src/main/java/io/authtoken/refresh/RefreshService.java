package io.authtoken.refresh;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.authtoken.config.AuthTokenProperties;
import io.authtoken.credential.CredentialCache;
import io.authtoken.credential.CredentialRules;
import io.authtoken.credential.SigningCredential;
import io.authtoken.token.Hs256;
import io.authtoken.token.IssuedToken;
import io.authtoken.token.TokenIssuer;
import io.authtoken.web.ApiException;
import io.authtoken.web.ErrorCode;

import org.springframework.stereotype.Service;

/**
 * Exchanges a token for a new one. The old token must parse strictly, verify with the
 * secret of the active credential named by its {@code iss}, be within the refresh window
 * after its {@code exp}, and not have been refreshed before.
 */
@Service
class RefreshService {

	private static final Logger logger = LoggerFactory.getLogger(RefreshService.class);

	/** How far in the future {@code iat} may be, for clocks that disagree a little. */
	static final Duration CLOCK_LEEWAY = Duration.ofSeconds(60);

	/**
	 * Verified against when {@code iss} is unknown, so that the work matches a bad
	 * signature.
	 */
	private static final byte[] UNKNOWN_ISSUER_SECRET = new byte[CredentialRules.MIN_SECRET_BYTES];

	private final CredentialCache credentials;

	private final RefreshStore store;

	private final TokenIssuer issuer;

	private final Clock clock;

	private final Duration window;

	RefreshService(CredentialCache credentials, RefreshStore store, TokenIssuer issuer, Clock clock,
			AuthTokenProperties properties) {
		this.credentials = credentials;
		this.store = store;
		this.issuer = issuer;
		this.clock = clock;
		this.window = properties.refresh().window();
	}

	IssuedToken refresh(String token) {
		ParsedToken parsed = TokenParser.parse(token);

		SigningCredential credential = verifySignature(parsed);

		Instant now = this.clock.instant();
		Instant refreshDeadline = checkRefreshable(parsed, now);

		recordRefresh(parsed, now, refreshDeadline);

		return this.issuer.issue(credential);
	}

	private SigningCredential verifySignature(ParsedToken parsed) {
		SigningCredential credential = this.credentials.find(parsed.issuer()).orElse(null);
		byte[] secret = (credential != null) ? credential.secret() : UNKNOWN_ISSUER_SECRET;
		boolean verified = Hs256.verify(parsed.signingInput(), parsed.signature(), secret);
		if (!verified || credential == null) {
			throw TokenParser.invalid("The token's signature is invalid or its issuer is unknown.");
		}
		if (!credential.active()) {
			throw new ApiException(ErrorCode.CREDENTIAL_DISABLED,
					"The credential named by the token's iss is disabled.");
		}
		return credential;
	}

	/**
	 * Checks the verified claims that decide whether the token may be refreshed now.
	 * @return the last moment the token can be refreshed
	 */
	private Instant checkRefreshable(ParsedToken parsed, Instant now) {
		if (parsed.expiresAt() == null) {
			throw new ApiException(ErrorCode.TOKEN_NOT_REFRESHABLE,
					"The token has no expiry (exp is null), as legacy tokens do, so it cannot be refreshed.");
		}
		if (parsed.jti() == null) {
			throw TokenParser.invalid("The token has no jti claim.");
		}
		if (parsed.issuedAt() != null && Instant.ofEpochSecond(parsed.issuedAt()).isAfter(now.plus(CLOCK_LEEWAY))) {
			throw TokenParser.invalid("The token's iat claim is in the future.");
		}
		Instant deadline = Instant.ofEpochSecond(parsed.expiresAt()).plus(this.window);
		if (now.isAfter(deadline)) {
			throw new ApiException(ErrorCode.REFRESH_WINDOW_EXPIRED,
					"The token's exp is more than " + this.window + " ago; request a new token with POST /token.");
		}
		return deadline;
	}

	/**
	 * Applies the single-use rule: the first refresh of a token is recorded, every later
	 * one is rejected.
	 */
	private void recordRefresh(ParsedToken parsed, Instant now, Instant refreshDeadline) {
		if (!this.store.recordRefresh(parsed.issuer(), parsed.jti(), now, refreshDeadline)) {
			logger.warn("Refused a second refresh of one token of credential {}", parsed.issuer());
			throw new ApiException(ErrorCode.TOKEN_REUSED, "The token has already been refreshed.");
		}
	}

}
