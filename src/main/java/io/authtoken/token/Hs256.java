package io.authtoken.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signing and verification of compact JWS tokens (RFC 7515, section 7.1),
 * with the secret's UTF-8 bytes as the key, as API gateways such as Kong verify them.
 */
public final class Hs256 {

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	/**
	 * Base64url of {@code {"typ":"JWT","alg":"HS256"}}, the header of every issued token.
	 */
	public static final String ENCODED_HEADER = encode("{\"typ\":\"JWT\",\"alg\":\"HS256\"}");

	private static final String ALGORITHM = "HmacSHA256";

	private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(Hs256::newMac);

	private Hs256() {
	}

	/**
	 * Returns the compact token {@code header.payload.signature} for a JSON payload.
	 */
	public static String sign(String payloadJson, byte[] secret) {
		String signingInput = ENCODED_HEADER + "." + encode(payloadJson);
		return signingInput + "." + BASE64URL.encodeToString(mac(signingInput, secret));
	}

	/**
	 * Checks a signature in constant time.
	 * @param signingInput the first two segments of the token and the dot between them
	 * @param signature the decoded third segment
	 */
	public static boolean verify(String signingInput, byte[] signature, byte[] secret) {
		return MessageDigest.isEqual(signature, mac(signingInput, secret));
	}

	static String encode(String json) {
		return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] mac(String signingInput, byte[] secret) {
		Mac mac = MACS.get();
		try {
			mac.init(new SecretKeySpec(secret, ALGORITHM));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Failed to initialise HMAC-SHA256", ex);
		}
		return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
	}

	private static Mac newMac() {
		try {
			return Mac.getInstance(ALGORITHM);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available in this JVM", ex);
		}
	}

}
