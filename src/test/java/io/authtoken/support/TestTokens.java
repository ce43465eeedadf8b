package io.authtoken.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds tokens by hand, independently of the service's signer, so that tests can forge
 * every shape of token an attacker might send.
 */
public final class TestTokens {

	public static final String HS256_HEADER = "{\"typ\":\"JWT\",\"alg\":\"HS256\"}";

	private TestTokens() {
	}

	/**
	 * Returns {@code header.payload.signature} signed with HMAC over the UTF-8 bytes of
	 * the secret, using the named JCA algorithm such as {@code HmacSHA256}.
	 */
	public static String sign(String algorithm, String secret, String headerJson, String payloadJson) {
		String signingInput = encode(headerJson) + "." + encode(payloadJson);
		return signingInput + "." + encode(mac(algorithm, secret.getBytes(StandardCharsets.UTF_8), signingInput));
	}

	public static String hs256(String secret, String payloadJson) {
		return sign("HmacSHA256", secret, HS256_HEADER, payloadJson);
	}

	/**
	 * Returns the payload of a standard token whose chain started at {@code issuedAt},
	 * with the chain id derived from the {@code jti}.
	 */
	public static String standardPayload(String key, long issuedAt, long expiresAt, String jti) {
		return "{\"iss\":\"" + key + "\",\"iat\":" + issuedAt + ",\"exp\":" + expiresAt + ",\"jti\":\"" + jti
				+ "\",\"sid\":\"chain-" + jti + "\",\"auth_time\":" + issuedAt + "}";
	}

	public static String encode(String text) {
		return encode(text.getBytes(StandardCharsets.UTF_8));
	}

	public static String encode(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	public static String decode(String segment) {
		return new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8);
	}

	public static byte[] mac(String algorithm, byte[] key, String signingInput) {
		try {
			Mac mac = Mac.getInstance(algorithm);
			mac.init(new SecretKeySpec(key, algorithm));
			return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
