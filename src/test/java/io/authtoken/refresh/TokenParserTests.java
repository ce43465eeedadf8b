package io.authtoken.refresh;

import io.authtoken.support.TestTokens;
import io.authtoken.web.ApiException;
import io.authtoken.web.ErrorCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The strict structural checks on tokens given to refresh, which run before any lookup or
 * signature work.
 */
class TokenParserTests {

	private static final String SECRET = "a-test-secret-of-exactly-32-byte";

	private static final String PAYLOAD = "{\"iss\":\"k1\",\"iat\":1700000000,\"exp\":1700003600,\"jti\":\"j1\"}";

	@Test
	void parseWhenIssuedShapeThenClaimsRead() {
		ParsedToken parsed = TokenParser.parse(TestTokens.hs256(SECRET, PAYLOAD));

		assertThat(parsed.issuer()).isEqualTo("k1");
		assertThat(parsed.issuedAt()).isEqualTo(1700000000L);
		assertThat(parsed.expiresAt()).isEqualTo(1700003600L);
		assertThat(parsed.jti()).isEqualTo("j1");
		assertThat(parsed.signature()).hasSize(32);
	}

	@Test
	void parseWhenHeaderMembersReorderedThenAccepted() {
		String token = TestTokens.sign("HmacSHA256", SECRET, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", PAYLOAD);

		assertThat(TokenParser.parse(token).issuer()).isEqualTo("k1");
	}

	@Test
	void parseWhenLegacyNullTimesThenNullClaims() {
		ParsedToken parsed = TokenParser
			.parse(TestTokens.hs256(SECRET, "{\"iss\":\"k1\",\"iat\":null,\"exp\":null,\"aud\":\"\",\"sub\":\"\"}"));

		assertThat(parsed.expiresAt()).isNull();
		assertThat(parsed.issuedAt()).isNull();
		assertThat(parsed.jti()).isNull();
	}

	@Test
	void parseWhenHeaderNotExactlyHs256ThenInvalidToken() {
		String[] headers = { "{\"alg\":\"none\"}", "{\"alg\":\"NONE\"}", "{\"alg\":\"hs256\"}",
				"{\"alg\":\"HS512\",\"typ\":\"JWT\"}", "{\"alg\":\"ES256\"}", "{\"typ\":\"JWT\"}", "{\"alg\":256}",
				"{\"alg\":\"HS256\",\"crit\":[\"exp\"]}", "{\"alg\":\"HS256\",\"kid\":\"../../../../dev/null\"}",
				"{\"alg\":\"HS256\",\"jku\":\"http://127.0.0.1/keys\"}", "{\"alg\":\"HS256\",\"typ\":\"JWE\"}",
				"{\"alg\":\"HS256\",\"alg\":\"HS256\"}", "[\"HS256\"]", "null", "\"HS256\"" };

		for (String header : headers) {
			assertInvalid(TestTokens.sign("HmacSHA256", SECRET, header, PAYLOAD), header);
		}
	}

	@Test
	void parseWhenSegmentsMalformedThenInvalidToken() {
		String valid = TestTokens.hs256(SECRET, PAYLOAD);
		String[] parts = valid.split("\\.");
		String[] tokens = { "", "a", "a.b", valid + ".", valid + ".x", parts[0] + "." + parts[1] + ".",
				parts[0] + ".." + parts[2], "." + parts[1] + "." + parts[2], valid + "=",
				parts[0] + "=." + parts[1] + "." + parts[2], " " + valid, valid + " ", valid.replace('.', ' '),
				parts[0] + "." + parts[1] + "\n." + parts[2],
				"+" + parts[0].substring(1) + "." + parts[1] + "." + parts[2],
				parts[0] + "." + parts[1] + "." + parts[2].substring(0, 42) + "/",
				parts[0] + "." + parts[1] + "." + parts[2].substring(0, 40),
				TestTokens.encode("not json") + "." + parts[1] + "." + parts[2] };

		for (String token : tokens) {
			assertInvalid(token, token);
		}
	}

	@Test
	void parseWhenFinalCharacterNotCanonicalThenInvalidToken() {
		String valid = TestTokens.hs256(SECRET, PAYLOAD);
		String[] parts = valid.split("\\.");
		char last = parts[2].charAt(42);
		// 32 bytes need 43 characters whose last carries 4 bits and 2 zero bits; setting
		// one of those low bits spells the same bytes in a second way.
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		char twin = alphabet.charAt(alphabet.indexOf(last) | 1);

		assertThat(twin).isNotEqualTo(last);
		assertInvalid(parts[0] + "." + parts[1] + "." + parts[2].substring(0, 42) + twin, "non-canonical");
	}

	@Test
	void parseWhenPayloadNotStrictJsonObjectThenInvalidToken() {
		String[] payloads = { "null", "[]", "\"k1\"", "42", "{\"iss\":\"k1\",\"iss\":\"k2\",\"exp\":1}",
				"{\"iss\":\"k1\",\"exp\":1} trailing", "{\"iss\":\"k1\",\"exp\":1,}", "{'iss':'k1','exp':1}",
				"{\"iss\":\"k1\",\"exp\":1,\"x\":[[[[[[[[[[[[1]]]]]]]]]]]]}", "" };

		for (String payload : payloads) {
			assertInvalid(TestTokens.hs256(SECRET, payload), payload);
		}
	}

	@Test
	void parseWhenPayloadNotUtf8ThenInvalidToken() {
		String header = TestTokens.encode(TestTokens.HS256_HEADER);
		String payload = TestTokens.encode(new byte[] { '{', '"', 'i', 's', 's', '"', ':', '"', (byte) 0xC3, '"', ',',
				'"', 'e', 'x', 'p', '"', ':', '1', '}' });
		String signature = TestTokens.encode(new byte[32]);

		assertInvalid(header + "." + payload + "." + signature, "invalid UTF-8");
	}

	@Test
	void parseWhenIssuerInvalidThenInvalidTokenNamingIss() {
		String[] issuers = { "", "42", "null", "\"\"", "\"x' OR '1'='1\"", "\"with space\"", "[\"k1\"]",
				"\"" + "k".repeat(129) + "\"" };

		for (String iss : issuers) {
			String payload = (iss.isEmpty() ? "{" : "{\"iss\":" + iss + ",") + "\"exp\":1700003600,\"jti\":\"j\"}";
			ApiException exception = assertInvalid(TestTokens.hs256(SECRET, payload), iss);
			assertThat(exception.getMessage()).as(iss).contains("iss").doesNotContain("OR");
		}
	}

	@Test
	void parseWhenTimeClaimsMalformedThenInvalidTokenNamingClaim() {
		String[] values = { "\"1700000000\"", "1.0e+26", "true", "100000000000000000", "-1", "{}", "[1]", "1e400",
				"99999999999999999999999999" };

		for (String value : values) {
			ApiException exp = assertInvalid(TestTokens.hs256(SECRET, "{\"iss\":\"k1\",\"exp\":" + value + "}"), value);
			assertThat(exp.getMessage()).as(value).contains("exp");
			ApiException iat = assertInvalid(
					TestTokens.hs256(SECRET, "{\"iss\":\"k1\",\"exp\":1700003600,\"iat\":" + value + "}"), value);
			assertThat(iat.getMessage()).as(value).contains("iat");
		}
		ApiException missing = assertInvalid(TestTokens.hs256(SECRET, "{\"iss\":\"k1\",\"iat\":1700000000}"), "none");
		assertThat(missing.getMessage()).contains("exp");
	}

	@Test
	void parseWhenFractionalTimeThenFloored() {
		ParsedToken parsed = TokenParser.parse(TestTokens.hs256(SECRET, "{\"iss\":\"k1\",\"exp\":1700003600.75}"));

		assertThat(parsed.expiresAt()).isEqualTo(1700003600L);
	}

	@Test
	void parseWhenJtiMalformedThenInvalidTokenNamingJti() {
		for (String jti : new String[] { "\"\"", "42", "null", "\"" + "j".repeat(65) + "\"" }) {
			ApiException exception = assertInvalid(
					TestTokens.hs256(SECRET, "{\"iss\":\"k1\",\"exp\":1700003600,\"jti\":" + jti + "}"), jti);
			assertThat(exception.getMessage()).as(jti).contains("jti");
		}
	}

	@Test
	void parseWhenTokenOverEightKibThenInvalidToken() {
		String padding = "x".repeat(8 * 1024);
		String token = TestTokens.hs256(SECRET, "{\"iss\":\"k1\",\"exp\":1700003600,\"pad\":\"" + padding + "\"}");

		assertInvalid(token, "over 8 KiB");
	}

	private static ApiException assertInvalid(String token, String description) {
		ApiException exception = org.assertj.core.api.Assertions.catchThrowableOfType(ApiException.class,
				() -> TokenParser.parse(token));
		assertThat(exception).as(description).isNotNull();
		assertThat(exception.errorCode()).as(description).isEqualTo(ErrorCode.INVALID_TOKEN);
		return exception;
	}

	@Test
	void parseNeverThrowsAnythingButApiException() {
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> TokenParser.parse("...."));
	}

}
