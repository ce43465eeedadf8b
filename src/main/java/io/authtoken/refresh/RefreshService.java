package io.authtoken.refresh;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.authtoken.audit.AuditEventType;
import io.authtoken.audit.AuditLog;
import io.authtoken.audit.AuditOutcome;
import io.authtoken.config.AuthTokenProperties;
import io.authtoken.credential.CredentialCache;
import io.authtoken.credential.CredentialRules;
import io.authtoken.credential.CredentialStatus;
import io.authtoken.credential.SigningCredential;
import io.authtoken.credential.TokenFormat;
import io.authtoken.refresh.RefreshStore.Revocation;
import io.authtoken.token.Hs256;
import io.authtoken.token.IssuedToken;
import io.authtoken.token.TokenClaims;
import io.authtoken.token.TokenIssuer;
import io.authtoken.web.ApiException;
import io.authtoken.web.ErrorCode;
import io.authtoken.web.TokenMetrics;

import org.springframework.stereotype.Service;

/**
 * Exchanges a token for the next one in its chain. The old token must parse strictly,
 * verify with the secret of the active credential named by its {@code iss}, be within the
 * refresh window after its {@code exp} and the chain's maximum age, belong to a chain
 * that is not revoked, and not have been refreshed before, except by a retry within the
 * reuse grace period.
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
	private static final SigningCredential UNKNOWN_ISSUER = new SigningCredential("",
			new byte[CredentialRules.MIN_SECRET_BYTES], CredentialStatus.DISABLED, TokenFormat.STANDARD);

	private final CredentialCache credentials;

	private final RefreshStore store;

	private final TokenIssuer issuer;

	private final Clock clock;

	private final AuthTokenProperties.Refresh settings;

	private final AuditLog audit;

	private final TokenMetrics metrics;

	RefreshService(CredentialCache credentials, RefreshStore store, TokenIssuer issuer, Clock clock,
			AuthTokenProperties properties, AuditLog audit, TokenMetrics metrics) {
		this.credentials = credentials;
		this.store = store;
		this.issuer = issuer;
		this.clock = clock;
		this.settings = properties.refresh();
		this.audit = audit;
		this.metrics = metrics;
	}

	IssuedToken refresh(String token) {
		ParsedToken parsed = TokenParser.parse(token);
		Instant now = this.clock.instant();

		SigningCredential credential = verifySignature(parsed, now);

		Instant refreshDeadline = checkRefreshable(parsed, now);
		checkNotRevoked(parsed);

		TokenClaims successor = recordRefresh(parsed, credential, now, refreshDeadline);

		return this.issuer.sign(credential, successor);
	}

	private SigningCredential verifySignature(ParsedToken parsed, Instant now) {
		SigningCredential credential = this.credentials.find(parsed.issuer()).orElse(null);
		boolean verified = verifiesWithEitherSecret(parsed, (credential != null) ? credential : UNKNOWN_ISSUER, now);
		if (!verified || credential == null) {
			throw TokenParser.invalid("The token's signature is invalid or its issuer is unknown.");
		}
		if (!credential.active()) {
			throw new ApiException(ErrorCode.CREDENTIAL_DISABLED,
					"The credential named by the token's iss is disabled.");
		}
		if (credential.expired(now)) {
			throw new ApiException(ErrorCode.CREDENTIAL_EXPIRED,
					"The credential named by the token's iss has expired.");
		}
		if (credential.tokenFormat() == TokenFormat.LEGACY) {
			throw new ApiException(ErrorCode.TOKEN_NOT_REFRESHABLE,
					"The credential issues legacy tokens, which never expire and cannot be refreshed.");
		}
		return credential;
	}

	/**
	 * Verifies the signature with the secret and with the previous secret of a rotation
	 * overlap. Both HMACs are computed whether or not a previous secret exists, so the
	 * time taken does not tell whether a rotation is in its overlap.
	 */
	private static boolean verifiesWithEitherSecret(ParsedToken parsed, SigningCredential credential, Instant now) {
		byte[] previous = credential.previousSecret(now);
		boolean current = Hs256.verify(parsed.signingInput(), parsed.signature(), credential.secret());
		boolean old = Hs256.verify(parsed.signingInput(), parsed.signature(),
				(previous != null) ? previous : credential.secret());
		return current | (previous != null & old);
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
		requireClaim(parsed.jti(), "jti");
		requireClaim(parsed.chainId(), "sid");
		requireClaim(parsed.chainStartedAt(), "auth_time");
		Instant latestValid = now.plus(CLOCK_LEEWAY);
		if (parsed.issuedAt() != null && Instant.ofEpochSecond(parsed.issuedAt()).isAfter(latestValid)) {
			throw TokenParser.invalid("The token's iat claim is in the future.");
		}
		if (Instant.ofEpochSecond(parsed.chainStartedAt()).isAfter(latestValid)) {
			throw TokenParser.invalid("The token's auth_time claim is in the future.");
		}
		Instant windowEnd = Instant.ofEpochSecond(parsed.expiresAt()).plus(this.settings.window());
		if (now.isAfter(windowEnd)) {
			throw new ApiException(ErrorCode.REFRESH_WINDOW_EXPIRED, "The token's exp is more than "
					+ this.settings.window() + " ago; request a new token with POST /token.");
		}
		Instant chainEnd = chainEnd(parsed);
		if (now.isAfter(chainEnd)) {
			throw new ApiException(ErrorCode.REFRESH_WINDOW_EXPIRED, "The token's chain started more than "
					+ this.settings.maxChainAge() + " ago (auth_time); request a new token with POST /token.");
		}
		return windowEnd.isBefore(chainEnd) ? windowEnd : chainEnd;
	}

	private void checkNotRevoked(ParsedToken parsed) {
		Revocation revocation = this.store.findRevocation(parsed.issuer(), parsed.chainId());
		if (revocation.chainRevoked()) {
			throw new ApiException(ErrorCode.TOKEN_REUSED,
					"A token of this chain was reused, so the whole chain was revoked; request a new token with "
							+ "POST /token.");
		}
		Instant revokedBefore = revocation.tokensRevokedBefore();
		if (revokedBefore != null && Instant.ofEpochSecond(parsed.chainStartedAt()).isBefore(revokedBefore)) {
			throw new ApiException(ErrorCode.TOKEN_REVOKED,
					"The credential's tokens were revoked after this token's chain started; request a new token "
							+ "with POST /token.");
		}
	}

	/**
	 * Applies the single-use rule. The first refresh of a token records its successor. A
	 * repeat within the reuse grace period, such as a client retrying after a lost
	 * response, gets that same successor. A repeat after the grace period means the token
	 * was copied, so the whole chain is revoked.
	 * @return the claims of the token to issue
	 */
	private TokenClaims recordRefresh(ParsedToken parsed, SigningCredential credential, Instant now,
			Instant refreshDeadline) {
		TokenClaims next = this.issuer.nextInChain(credential, parsed.chainId(), parsed.chainStartedAt());
		RefreshRecord record = new RefreshRecord(parsed.issuer(), parsed.jti(), parsed.chainId(), now, refreshDeadline,
				next.jti(), next.issuedAt(), next.expiresAt());
		Optional<RefreshRecord> earlier = this.store.recordRefresh(record);
		if (earlier.isEmpty()) {
			return next;
		}
		RefreshRecord first = earlier.get();
		if (!now.isAfter(first.refreshedAt().plus(this.settings.reuseGrace()))) {
			return new TokenClaims(parsed.issuer(), first.successorIssuedAt(), first.successorExpiresAt(),
					first.successorJti(), parsed.chainId(), parsed.chainStartedAt());
		}
		this.metrics.refreshReuseDetected();
		if (this.store.revokeChain(parsed.issuer(), parsed.chainId(), now, chainEnd(parsed))) {
			logger.warn("Token reuse detected for credential {}: revoked chain {}", parsed.issuer(), parsed.chainId());
			this.audit.record(AuditEventType.TOKEN_REUSE_DETECTED, AuditLog.SYSTEM_ACTOR, parsed.issuer(),
					AuditOutcome.DENIED,
					"token refreshed again after the grace period; revoked chain " + parsed.chainId());
		}
		throw new ApiException(ErrorCode.TOKEN_REUSED,
				"The token was already refreshed, so the whole chain was revoked; request a new token with "
						+ "POST /token.");
	}

	private Instant chainEnd(ParsedToken parsed) {
		return Instant.ofEpochSecond(parsed.chainStartedAt()).plus(this.settings.maxChainAge());
	}

	private static void requireClaim(Object value, String claim) {
		if (value == null) {
			throw TokenParser.invalid("The token has no " + claim + " claim.");
		}
	}

}
