package io.authtoken.api;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import io.authtoken.support.ApiClient;
import io.authtoken.support.ApiClient.Response;
import io.authtoken.support.TestDirectories;
import io.authtoken.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties that hold for any input: random request bodies and random mutations of a
 * valid token get a 4xx problem detail, never a 5xx and never a token, and nothing sent
 * reaches the log. The inputs come from a seeded generator, so a failure names its seed
 * and case and can be replayed with {@code -Dauthtoken.test.seed=<seed>}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "authtoken.admin.token=" + ApiClient.ADMIN_TOKEN)
@ExtendWith(OutputCaptureExtension.class)
class RandomInputPropertyTests {

	private static final long SEED = Long.getLong("authtoken.test.seed", 20261204L);

	private static final int TOKEN_MUTATIONS = 400;

	private static final int RANDOM_BODIES = 200;

	private static final String[] ODD_TEXT = { "\u0000", "\ud800", "\udfff", "\u202e", "\ufeff", "\u00e9",
			"\ud83d\ude00", "\\", "\"", "=", " ", "\n", ".", "%00", "\u0085" };

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		String dataDir = TestDirectories.create("authtoken-random-");
		registry.add("authtoken.data-dir", () -> dataDir);
	}

	@Test
	void refreshWhenTokenMutatedThenClientErrorAndNoToken(CapturedOutput output) {
		ApiClient api = new ApiClient(this.port);
		Response created = api.adminPost("/admin/credentials", "{\"name\":\"random\"}");
		String secret = created.text("secret");
		String valid = api.post("/token", "{\"key\":\"" + created.text("key") + "\",\"secret\":\"" + secret + "\"}")
			.text("token");
		Random random = new Random(SEED);

		for (int i = 0; i < TOKEN_MUTATIONS; i++) {
			String mutated = mutate(valid, random);
			if (mutated.equals(valid)) {
				continue;
			}
			Response response = api.post("/token/refresh", "{\"token\":" + ApiClient.quote(mutated) + "}");
			assertClientError(response, "seed " + SEED + ", mutation " + i + ": " + mutated);
		}

		Response unchanged = api.post("/token/refresh", "{\"token\":\"" + valid + "\"}");
		assertThat(unchanged.status()).isEqualTo(200);
		assertThat(output.getAll()).doesNotContain(secret).doesNotContain(valid.split("\\.")[2]);
	}

	@Test
	void postWhenBodyRandomThenClientErrorAndNoToken(CapturedOutput output) {
		ApiClient api = new ApiClient(this.port);
		Random random = new Random(SEED);

		for (int i = 0; i < RANDOM_BODIES; i++) {
			String body = randomBody(random);
			String path = random.nextBoolean() ? "/token" : "/token/refresh";
			Response response = api.post(path, body);
			assertClientError(response, "seed " + SEED + ", body " + i + " to " + path + ": " + body);
		}
		assertThat(output.getAll()).doesNotContain(ApiClient.ADMIN_TOKEN).doesNotContain("Exception");
	}

	private static void assertClientError(Response response, String description) {
		assertThat(response.status()).as(description).isBetween(400, 499);
		assertThat(response.header("Content-Type")).as(description).isEqualTo("application/problem+json");
		assertThat(response.code()).as(description).isNotBlank();
		assertThat(response.json().has("token")).as(description).isFalse();
	}

	/**
	 * Applies one random change: a flipped bit, a cut, a changed or added claim, a
	 * changed header, or odd Unicode inserted anywhere.
	 */
	private static String mutate(String token, Random random) {
		String[] parts = token.split("\\.");
		switch (random.nextInt(6)) {
			case 0 -> {
				int index = random.nextInt(token.length());
				char flipped = (char) (token.charAt(index) ^ (1 << random.nextInt(7)));
				return token.substring(0, index) + flipped + token.substring(index + 1);
			}
			case 1 -> {
				int start = random.nextInt(token.length());
				int end = start + random.nextInt(token.length() - start + 1);
				return token.substring(0, start) + token.substring(end);
			}
			case 2 -> {
				String payload = TestTokens.decode(parts[1]);
				String[] claims = { "iss", "iat", "exp", "jti", "sid", "auth_time" };
				String claim = claims[random.nextInt(claims.length)];
				String[] values = { "null", "\"\"", "0", "-1", "1e999", "[]", "{}", "true", "\"x\"",
						String.valueOf(random.nextLong()) };
				String changed = payload.replaceFirst("\"" + claim + "\":(\"[^\"]*\"|[0-9]+)",
						"\"" + claim + "\":" + values[random.nextInt(values.length)]);
				return parts[0] + "." + TestTokens.encode(changed) + "." + parts[2];
			}
			case 3 -> {
				String[] headers = { "{\"alg\":\"none\"}", "{\"alg\":\"HS256\",\"crit\":[\"exp\"]}",
						"{\"typ\":\"JWT\",\"alg\":\"HS384\"}", "{\"alg\":\"HS256\",\"kid\":\"1\"}",
						"{\"alg\":\"HS256\",\"typ\":\"JWT\",\"typ\":\"JWT\"}", "{}" };
				return TestTokens.encode(headers[random.nextInt(headers.length)]) + "." + parts[1] + "." + parts[2];
			}
			case 4 -> {
				String payload = TestTokens.decode(parts[1]);
				String extended = payload.substring(0, payload.length() - 1) + ",\"iss\":\"other\"}";
				return parts[0] + "." + TestTokens.encode(extended) + "." + parts[2];
			}
			default -> {
				int index = random.nextInt(token.length() + 1);
				return token.substring(0, index) + ODD_TEXT[random.nextInt(ODD_TEXT.length)] + token.substring(index);
			}
		}
	}

	private static String randomBody(Random random) {
		return switch (random.nextInt(5)) {
			case 0 -> "{\"key\":" + randomValue(random) + ",\"secret\":" + randomValue(random) + "}";
			case 1 -> "{\"token\":" + randomValue(random) + "}";
			case 2 -> randomValue(random);
			case 3 -> new String(randomBytes(random), StandardCharsets.ISO_8859_1);
			default -> "{\"" + ODD_TEXT[random.nextInt(ODD_TEXT.length)] + "\":1}";
		};
	}

	private static String randomValue(Random random) {
		String[] values = { "null", "1", "-0.5e3", "true", "[]", "{}", "\"\"", "[[[[[[[[[[1]]]]]]]]]]",
				ApiClient.quote(randomText(random)), "\"" + "x".repeat(random.nextInt(600)) + "\"" };
		return values[random.nextInt(values.length)];
	}

	private static String randomText(Random random) {
		StringBuilder text = new StringBuilder();
		int length = random.nextInt(40);
		for (int i = 0; i < length; i++) {
			text.append(random.nextBoolean() ? ODD_TEXT[random.nextInt(ODD_TEXT.length)]
					: String.valueOf((char) (0x20 + random.nextInt(0x5f))));
		}
		return text.toString();
	}

	private static byte[] randomBytes(Random random) {
		byte[] bytes = new byte[random.nextInt(64)];
		random.nextBytes(bytes);
		return bytes;
	}

}
