package io.authtoken.token;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.authtoken.config.AuthTokenProperties;
import io.authtoken.credential.CredentialStatus;
import io.authtoken.credential.SigningCredential;
import io.authtoken.credential.TokenFormat;
import io.authtoken.support.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token signing in both formats, checked against the old library's output and an
 * independent verifier.
 */
class TokenIssuerTests {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	private final TokenIssuer issuer = new TokenIssuer(Clock.fixed(NOW, ZoneOffset.UTC), defaultProperties());

	@Test
	void issueWhenLegacyThenOldLibraryTestVector() {
		SigningCredential credential = credential("398e54e888da42f8d089je28c298o42b",
				"07c6e2t1rb92987fnrd705jkk8582p9e", TokenFormat.LEGACY);

		IssuedToken issued = this.issuer.issue(credential);

		assertThat(issued.token()).isEqualTo("eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9."
				+ "eyJpc3MiOiIzOThlNTRlODg4ZGE0MmY4ZDA4OWplMjhjMjk4bzQyYiIsImlhdCI6bnVsbCwiZXhwIjpudWxsLCJhdWQiOiIiLCJzdWIiOiIifQ."
				+ "BixlJTOcvM2k-ZWFuIPaMD2TPaUjkynSwc3e7l_P0Ok");
		assertThat(issued.expiresIn()).isNull();
		assertThat(issued.expiresAt()).isNull();
		assertThat(issued.refreshExpiresAt()).isNull();
	}

	@Test
	void issueWhenKeyHasQuoteOrBackslashThenEscapedAsJsonStringify() {
		SigningCredential credential = credential("a\"b\\c/d", "a-secret-of-at-least-thirty-two-bytes",
				TokenFormat.LEGACY);

		String payload = TestTokens.decode(this.issuer.issue(credential).token().split("\\.")[1]);

		assertThat(payload)
			.isEqualTo("{\"iss\":\"a\\\"b\\\\c/d\",\"iat\":null,\"exp\":null,\"aud\":\"\",\"sub\":\"\"}");
	}

	@Test
	void issueWhenStandardThenClaimsAndSignatureVerifyIndependently() throws Exception {
		String secret = "s\u00e9cret-with-non-ascii-\u00fc\u00f1\u00ee\u00e7\u00f8d\u00e9-bytes";
		SigningCredential credential = credential("key-1", secret, TokenFormat.STANDARD);

		IssuedToken issued = this.issuer.issue(credential);

		SignedJWT jwt = SignedJWT.parse(issued.token());
		assertThat(jwt.verify(new MACVerifier(secret.getBytes(StandardCharsets.UTF_8)))).isTrue();
		assertThat(TestTokens.decode(issued.token().split("\\.")[0])).isEqualTo("{\"typ\":\"JWT\",\"alg\":\"HS256\"}");
		assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("key-1");
		assertThat(jwt.getJWTClaimsSet().getIssueTime().toInstant()).isEqualTo(NOW);
		assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(3600));
		assertThat(issued.expiresIn()).isEqualTo(3600);
		assertThat(issued.refreshExpiresAt()).isEqualTo(NOW.plusSeconds(3600 + 86400));
	}

	@Test
	void issueWhenCalledTwiceThenDistinctJti() throws Exception {
		SigningCredential credential = credential("key-2", "a-secret-of-at-least-thirty-two-bytes",
				TokenFormat.STANDARD);

		String first = SignedJWT.parse(this.issuer.issue(credential).token()).getJWTClaimsSet().getJWTID();
		String second = SignedJWT.parse(this.issuer.issue(credential).token()).getJWTClaimsSet().getJWTID();

		assertThat(first).isNotEqualTo(second);
		assertThat(first).matches("[A-Za-z0-9_-]{22}");
	}

	@Test
	void issueWhenTokenTtlSetThenCappedByMaxTtl() throws Exception {
		SigningCredential fiveMinutes = new SigningCredential("key-3",
				"a-secret-of-at-least-thirty-two-bytes".getBytes(StandardCharsets.UTF_8), null, null,
				CredentialStatus.ACTIVE, TokenFormat.STANDARD, null, Duration.ofMinutes(5));
		SigningCredential twoDays = new SigningCredential("key-4",
				"a-secret-of-at-least-thirty-two-bytes".getBytes(StandardCharsets.UTF_8), null, null,
				CredentialStatus.ACTIVE, TokenFormat.STANDARD, null, Duration.ofDays(2));

		IssuedToken shortLived = this.issuer.issue(fiveMinutes);
		IssuedToken capped = this.issuer.issue(twoDays);

		assertThat(shortLived.expiresAt()).isEqualTo(NOW.plusSeconds(300));
		assertThat(shortLived.expiresIn()).isEqualTo(300);
		assertThat(capped.expiresAt()).as("capped by authtoken.token.max-ttl").isEqualTo(NOW.plus(Duration.ofDays(1)));
	}

	private static SigningCredential credential(String key, String secret, TokenFormat format) {
		return new SigningCredential(key, secret.getBytes(StandardCharsets.UTF_8), CredentialStatus.ACTIVE, format);
	}

	static AuthTokenProperties defaultProperties() {
		MockEnvironment environment = new MockEnvironment();
		return new Binder(ConfigurationPropertySources.get(environment)).bindOrCreate("authtoken",
				Bindable.of(AuthTokenProperties.class));
	}

}
