package io.authtoken.token;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import io.authtoken.config.AuthTokenProperties;
import io.authtoken.credential.SigningCredential;
import io.authtoken.credential.TokenFormat;
import io.authtoken.web.ApiException;
import io.authtoken.web.ErrorCode;

import org.springframework.stereotype.Component;

/**
 * Builds and signs tokens in the credential's format. Standard tokens carry {@code iss},
 * {@code iat}, {@code exp}, a random {@code jti}, and the chain they belong to:
 * {@code sid} and {@code auth_time}, the OpenID Connect claims for a session and the time
 * it authenticated. Legacy tokens are byte-identical to those of the client-side library
 * the service replaces. Neither carries a {@code kid}, because the gateway would look the
 * credential up by it.
 */
@Component
public class TokenIssuer {

	private static final int RANDOM_ID_BYTES = 16;

	private static final SecureRandom random = new SecureRandom();

	private final Clock clock;

	private final Duration defaultTtl;

	private final Duration maxTtl;

	private final Duration refreshWindow;

	private final Duration maxChainAge;

	TokenIssuer(Clock clock, AuthTokenProperties properties) {
		this.clock = clock;
		this.defaultTtl = properties.token().ttl();
		this.maxTtl = properties.token().maxTtl();
		this.refreshWindow = properties.refresh().window();
		this.maxChainAge = properties.refresh().maxChainAge();
	}

	/**
	 * Issues the first token of a new chain, after the secret was checked.
	 */
	public IssuedToken issue(SigningCredential credential) {
		long now = this.clock.instant().getEpochSecond();
		return sign(credential, claims(credential, now, newRandomId(), now));
	}

	/**
	 * Returns the claims of the next token in a chain: a new {@code jti} and fresh times,
	 * with the credential's token lifetime as it is now.
	 */
	public TokenClaims nextInChain(SigningCredential credential, String chainId, long chainStartedAt) {
		return claims(credential, this.clock.instant().getEpochSecond(), chainId, chainStartedAt);
	}

	/**
	 * Signs claims in the credential's format. Signing the same claims with the same
	 * secret gives the same token, byte for byte.
	 */
	public IssuedToken sign(SigningCredential credential, TokenClaims claims) {
		if (credential.tokenFormat() == TokenFormat.LEGACY) {
			return new IssuedToken(Hs256.sign(legacyPayload(credential.key()), credential.secret()), null, null, null);
		}
		Instant expiresAt = Instant.ofEpochSecond(claims.expiresAt());
		Instant refreshExpiresAt = min(expiresAt.plus(this.refreshWindow),
				Instant.ofEpochSecond(claims.chainStartedAt()).plus(this.maxChainAge));
		if (credential.expiresAt() != null) {
			// The credential refreshes nothing after it expires.
			refreshExpiresAt = min(refreshExpiresAt, Instant.ofEpochSecond(credential.expiresAt().getEpochSecond()));
		}
		long expiresIn = Math.max(0, claims.expiresAt() - this.clock.instant().getEpochSecond());
		return new IssuedToken(Hs256.sign(standardPayload(claims), credential.secret()), expiresIn, expiresAt,
				refreshExpiresAt);
	}

	/**
	 * Builds claims whose {@code exp} is the token lifetime away, or the credential's
	 * expiry if that comes first, so that no token outlives its credential.
	 * @throws ApiException {@code credential_expired} when the credential expires within
	 * the second the token would be issued in, which would make {@code exp} equal
	 * {@code iat}
	 */
	private TokenClaims claims(SigningCredential credential, long issuedAt, String chainId, long chainStartedAt) {
		long expiresAt = issuedAt + ttl(credential).toSeconds();
		if (credential.expiresAt() != null) {
			expiresAt = Math.min(expiresAt, credential.expiresAt().getEpochSecond());
			if (expiresAt <= issuedAt) {
				throw new ApiException(ErrorCode.CREDENTIAL_EXPIRED, "The credential has expired.");
			}
		}
		return new TokenClaims(credential.key(), issuedAt, expiresAt, newRandomId(), chainId, chainStartedAt);
	}

	/**
	 * Returns the credential's token lifetime, or the default, at most
	 * {@code authtoken.token.max-ttl} even if that was lowered after the lifetime was
	 * set.
	 */
	Duration ttl(SigningCredential credential) {
		Duration ttl = (credential.tokenTtl() != null) ? credential.tokenTtl() : this.defaultTtl;
		return (ttl.compareTo(this.maxTtl) > 0) ? this.maxTtl : ttl;
	}

	static String standardPayload(TokenClaims claims) {
		return "{\"iss\":" + jsonString(claims.issuer()) + ",\"iat\":" + claims.issuedAt() + ",\"exp\":"
				+ claims.expiresAt() + ",\"jti\":\"" + claims.jti() + "\",\"sid\":\"" + claims.chainId()
				+ "\",\"auth_time\":" + claims.chainStartedAt() + "}";
	}

	/**
	 * Returns the payload the old library produced with {@code JSON.stringify}: this
	 * member order, explicit nulls and empty strings.
	 */
	static String legacyPayload(String key) {
		return "{\"iss\":" + jsonString(key) + ",\"iat\":null,\"exp\":null,\"aud\":\"\",\"sub\":\"\"}";
	}

	/**
	 * Quotes a credential key as a JSON string. Keys are printable ASCII, so only the
	 * quote and the backslash need escaping, exactly as {@code JSON.stringify} escapes
	 * them.
	 */
	static String jsonString(String key) {
		StringBuilder json = new StringBuilder(key.length() + 2).append('"');
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (c == '"' || c == '\\') {
				json.append('\\');
			}
			json.append(c);
		}
		return json.append('"').toString();
	}

	private static Instant min(Instant first, Instant second) {
		return first.isBefore(second) ? first : second;
	}

	/**
	 * Returns 128 random bits in base64url, used for {@code jti} and {@code sid}. Only
	 * the URL-safe alphabet appears, so the value needs no JSON escaping.
	 */
	private static String newRandomId() {
		byte[] bytes = new byte[RANDOM_ID_BYTES];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
