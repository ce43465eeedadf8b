package io.authtoken.token;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import io.authtoken.config.AuthTokenProperties;
import io.authtoken.credential.SigningCredential;
import io.authtoken.credential.TokenFormat;

import org.springframework.stereotype.Component;

/**
 * Builds and signs tokens in the credential's format. Standard tokens carry {@code iss},
 * {@code iat}, {@code exp} and a random {@code jti}; legacy tokens are byte-identical to
 * those of the client-side library the service replaces. Neither carries a {@code kid},
 * because the gateway would look the credential up by it.
 */
@Component
public class TokenIssuer {

	private static final int JTI_BYTES = 16;

	private static final SecureRandom random = new SecureRandom();

	private final Clock clock;

	private final Duration ttl;

	private final Duration refreshWindow;

	TokenIssuer(Clock clock, AuthTokenProperties properties) {
		this.clock = clock;
		this.ttl = properties.token().ttl();
		this.refreshWindow = properties.refresh().window();
	}

	public IssuedToken issue(SigningCredential credential) {
		if (credential.tokenFormat() == TokenFormat.LEGACY) {
			return new IssuedToken(Hs256.sign(legacyPayload(credential.key()), credential.secret()), null, null, null);
		}
		long issuedAt = this.clock.instant().getEpochSecond();
		long expiresAt = issuedAt + this.ttl.toSeconds();
		String payload = "{\"iss\":" + jsonString(credential.key()) + ",\"iat\":" + issuedAt + ",\"exp\":" + expiresAt
				+ ",\"jti\":\"" + newJti() + "\"}";
		Instant expiry = Instant.ofEpochSecond(expiresAt);
		return new IssuedToken(Hs256.sign(payload, credential.secret()), this.ttl.toSeconds(), expiry,
				expiry.plus(this.refreshWindow));
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

	private static String newJti() {
		byte[] bytes = new byte[JTI_BYTES];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
