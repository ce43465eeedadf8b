package io.authtoken.credential;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.authtoken.token.IssuedToken;
import io.authtoken.token.TokenRequest;
import io.authtoken.token.TokenResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request and response bodies print no secret and no token, because Spring's DEBUG
 * logging writes them with {@code toString()}.
 */
class SecretFreeToStringTests {

	private static final String SECRET = "secret-that-must-never-be-printed";

	private static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJrIn0.c2lnbmF0dXJl";

	@Test
	void toStringOmitsSecretsAndTokens() {
		Object[] values = { new CreateCredentialRequest("name", "key", SECRET, TokenFormat.STANDARD, null, null),
				new CreatedCredentialResponse("key", SECRET, "name", CredentialStatus.ACTIVE, TokenFormat.STANDARD,
						Instant.EPOCH, null, null),
				new RotatedSecretResponse("key", SECRET, Instant.EPOCH, Instant.EPOCH),
				new SigningCredential("key", SECRET.getBytes(StandardCharsets.UTF_8),
						(SECRET + "-previous").getBytes(StandardCharsets.UTF_8), Instant.MAX, CredentialStatus.ACTIVE,
						TokenFormat.STANDARD, null, null),
				ImportDocument
					.parse(JsonMapper.builder().build().readTree("[{\"key\":\"k\",\"secret\":\"" + SECRET + "\"}]")),
				new CredentialPatch(JsonMapper.builder().build().readTree("{\"secret\":\"" + SECRET + "\"}")),
				ImportEntry.parse(0,
						JsonMapper.builder().build().readTree("{\"key\":\"k\",\"secret\":\"" + SECRET + "\"}")),
				new TokenRequest("key", SECRET), new IssuedToken(TOKEN, 60L, Instant.EPOCH, Instant.EPOCH),
				TokenResponse.from(new IssuedToken(TOKEN, 60L, Instant.EPOCH, Instant.EPOCH)) };

		for (Object value : values) {
			assertThat(value.toString()).as(value.getClass().getSimpleName())
				.doesNotContain(SECRET)
				.doesNotContain(TOKEN)
				.contains(value.getClass().getSimpleName());
		}
	}

}
