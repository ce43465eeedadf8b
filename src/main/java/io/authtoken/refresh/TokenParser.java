package io.authtoken.refresh;

import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.authtoken.credential.CredentialRules;
import io.authtoken.token.Hs256;
import io.authtoken.web.ApiException;
import io.authtoken.web.ErrorCode;

/**
 * Parses a token given to refresh, accepting only the one shape the service issues: a
 * compact JWS of three canonical base64url segments, a header with {@code alg} exactly
 * {@code HS256} and nothing but {@code typ} beside it, and a payload object with a
 * non-empty {@code iss} and numeric times. Every other input fails with
 * {@code invalid_token} before any lookup or HMAC work is done.
 */
final class TokenParser {

	/** Longest token accepted, in characters. */
	static final int MAX_TOKEN_LENGTH = 8 * 1024;

	/** Latest NumericDate accepted, 9999-12-31T23:59:59Z, far beyond any real expiry. */
	static final long MAX_NUMERIC_DATE = 253_402_300_799L;

	/**
	 * Longest {@code jti} or {@code sid} accepted, the size of their database columns.
	 */
	private static final int MAX_ID_LENGTH = 64;

	private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();

	private static final Base64.Encoder BASE64URL_ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final JsonMapper strictMapper = JsonMapper
		.builder(JsonFactory.builder()
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).build())
			.build())
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private TokenParser() {
	}

	static ParsedToken parse(String token) {
		if (token.length() > MAX_TOKEN_LENGTH) {
			throw invalid("The token exceeds " + MAX_TOKEN_LENGTH + " characters.");
		}
		int firstDot = token.indexOf('.');
		int secondDot = (firstDot < 0) ? -1 : token.indexOf('.', firstDot + 1);
		if (secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0) {
			throw invalid("The token must be a compact JWS of three dot-separated segments.");
		}
		String header = token.substring(0, firstDot);
		String payload = token.substring(firstDot + 1, secondDot);
		byte[] signature = decodeSegment(token.substring(secondDot + 1), "signature");
		if (signature.length != 32) {
			throw invalid("The token's signature is not an HS256 signature.");
		}
		if (!Hs256.ENCODED_HEADER.equals(header)) {
			checkHeader(readObject(decodeSegment(header, "header"), "header"));
		}
		JsonNode claims = readObject(decodeSegment(payload, "payload"), "payload");
		return new ParsedToken(token.substring(0, secondDot), signature, issuer(claims),
				numericDate(claims, "exp", true), numericDate(claims, "iat", false), identifier(claims, "jti"),
				identifier(claims, "sid"), numericDate(claims, "auth_time", false));
	}

	private static void checkHeader(JsonNode header) {
		JsonNode alg = header.get("alg");
		if (alg == null || !alg.isString() || !"HS256".equals(alg.asString())) {
			throw invalid("The token's header must have alg HS256.");
		}
		JsonNode typ = header.get("typ");
		if (typ != null && !(typ.isString() && "JWT".equals(typ.asString()))) {
			throw invalid("The token's header has a typ other than JWT.");
		}
		Iterator<Map.Entry<String, JsonNode>> members = header.properties().iterator();
		while (members.hasNext()) {
			String name = members.next().getKey();
			if (!"alg".equals(name) && !"typ".equals(name)) {
				throw invalid("The token's header has a parameter other than alg and typ, such as crit or kid.");
			}
		}
	}

	private static String issuer(JsonNode claims) {
		JsonNode iss = claims.get("iss");
		if (iss == null || !iss.isString() || !CredentialRules.isValidKey(iss.asString())) {
			throw invalid("The token's iss claim must be a credential key.");
		}
		return iss.asString();
	}

	/**
	 * Reads a NumericDate claim (RFC 7519, section 2) as whole epoch seconds.
	 * @return the value, or {@code null} when the claim is JSON null, or absent and
	 * optional
	 */
	private static Long numericDate(JsonNode claims, String name, boolean required) {
		JsonNode value = claims.get(name);
		if (value == null) {
			if (required) {
				throw invalid("The token has no " + name + " claim.");
			}
			return null;
		}
		if (value.isNull()) {
			return null;
		}
		if (!value.isNumber()) {
			throw invalid("The token's " + name + " claim must be a number.");
		}
		double seconds = value.doubleValue();
		boolean inRange = value.isIntegralNumber()
				? value.canConvertToLong() && value.longValue() >= 0 && value.longValue() <= MAX_NUMERIC_DATE
				: seconds >= 0 && seconds <= MAX_NUMERIC_DATE;
		if (!inRange) {
			throw invalid("The token's " + name + " claim is out of range.");
		}
		return value.isIntegralNumber() ? value.longValue() : (long) Math.floor(seconds);
	}

	/**
	 * Reads an identifier claim such as {@code jti}.
	 * @return the value, or {@code null} when the claim is absent
	 */
	private static String identifier(JsonNode claims, String name) {
		JsonNode value = claims.get(name);
		if (value == null) {
			return null;
		}
		if (!value.isString() || !isBase64UrlId(value.asString())) {
			throw invalid("The token's " + name + " claim must be 1 to " + MAX_ID_LENGTH
					+ " base64url characters (A-Z, a-z, 0-9, - and _).");
		}
		return value.asString();
	}

	/**
	 * Returns whether a value is 1 to {@value #MAX_ID_LENGTH} characters of the base64url
	 * alphabet, the form of every id the service issues. Nothing else can reach the
	 * database, where a NUL or an unpaired surrogate would be rejected or changed.
	 */
	private static boolean isBase64UrlId(String value) {
		if (value.isEmpty() || value.length() > MAX_ID_LENGTH) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			if (!isBase64UrlCharacter(value.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isBase64UrlCharacter(char c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
	}

	/**
	 * Decodes one segment, accepting only canonical base64url: the URL-safe alphabet, no
	 * padding, no whitespace, and zero bits after the last whole byte. Anything else
	 * would let one token be spelled several ways.
	 */
	private static byte[] decodeSegment(String segment, String part) {
		if (segment.isEmpty() || segment.length() % 4 == 1) {
			throw invalid("The token's " + part + " is not base64url.");
		}
		for (int i = 0; i < segment.length(); i++) {
			if (!isBase64UrlCharacter(segment.charAt(i))) {
				throw invalid("The token's " + part + " is not unpadded base64url.");
			}
		}
		byte[] decoded = BASE64URL_DECODER.decode(segment);
		if (!BASE64URL_ENCODER.encodeToString(decoded).equals(segment)) {
			throw invalid("The token's " + part + " is not canonical base64url.");
		}
		return decoded;
	}

	private static JsonNode readObject(byte[] json, String part) {
		JsonNode node;
		try {
			node = strictMapper.readTree(json);
		}
		catch (JacksonException ex) {
			throw invalid("The token's " + part + " is not valid JSON without duplicate members.");
		}
		if (node == null || !node.isObject()) {
			throw invalid("The token's " + part + " is not a JSON object.");
		}
		return node;
	}

	static ApiException invalid(String detail) {
		return new ApiException(ErrorCode.INVALID_TOKEN, detail);
	}

}
