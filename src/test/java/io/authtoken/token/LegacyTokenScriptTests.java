package io.authtoken.token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.authtoken.credential.CredentialStatus;
import io.authtoken.credential.SigningCredential;
import io.authtoken.credential.TokenFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scripts/legacy-token.sh}, run with bash and openssl, against the service's own
 * legacy tokens.
 */
class LegacyTokenScriptTests {

	private static final String SCRIPT = "scripts/legacy-token.sh";

	private final TokenIssuer issuer = new TokenIssuer(Clock.systemUTC(), TokenIssuerTests.defaultProperties());

	@Test
	void scriptWhenTestVectorThenSameToken() throws Exception {
		Result result = run("398e54e888da42f8d089je28c298o42b", "07c6e2t1rb92987fnrd705jkk8582p9e");

		assertThat(result.exitCode()).isZero();
		assertThat(result.stdout()).isEqualTo("eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9."
				+ "eyJpc3MiOiIzOThlNTRlODg4ZGE0MmY4ZDA4OWplMjhjMjk4bzQyYiIsImlhdCI6bnVsbCwiZXhwIjpudWxsLCJhdWQiOiIiLCJzdWIiOiIifQ."
				+ "BixlJTOcvM2k-ZWFuIPaMD2TPaUjkynSwc3e7l_P0Ok\n");
	}

	@ParameterizedTest(name = "key {0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			plain-key-0123456789                 | a-secret-of-at-least-thirty-two-bytes
			`a"b\\c/d`                           | a-secret-of-at-least-thirty-two-bytes
			`"\\"`                               | a-secret-of-at-least-thirty-two-bytes
			`!#$%&'()*+,-.:;<=>?@[]^_{|}~`       | a-secret-of-at-least-thirty-two-bytes
			k                                    | sécret-with-nön-ASCII-ünîçødé-bytes
			k2                                   | 秘密の鍵は三十二バイト以上あります
			k3                                   | emoji-😀-outside-the-BMP-padding-to-32
			k4                                   | `secret with spaces, $HOME, 'quotes' and "more"`
			k5                                   | -starts-with-a-dash-and-has-a:colon-too
			""")
	void scriptWhenValidThenSameTokenAsService(String key, String secret) throws Exception {
		Result result = run(key, secret);

		assertThat(result.stderr()).isEmpty();
		assertThat(result.exitCode()).isZero();
		assertThat(result.stdout()).isEqualTo(serviceToken(key, secret) + "\n");
	}

	@Test
	void scriptWhenSecretLongThenSameTokenAsService() throws Exception {
		for (String secret : List.of("x".repeat(64), "y".repeat(65), "ü".repeat(256))) {
			Result result = run("long-secret-key", secret);

			assertThat(result.exitCode()).as("%d bytes", secret.getBytes(StandardCharsets.UTF_8).length).isZero();
			assertThat(result.stdout()).isEqualTo(serviceToken("long-secret-key", secret) + "\n");
		}
	}

	@Test
	void scriptWhenInvalidThenUsageError() throws Exception {
		String secret = "a-secret-of-at-least-thirty-two-bytes";
		String[][] cases = { { "", secret, "KEY" }, { "a b", secret, "KEY" }, { "ké", secret, "KEY" },
				{ "k".repeat(129), secret, "KEY" }, { "key", "short-secret", "SECRET" },
				{ "key", "ü".repeat(257), "SECRET" } };

		for (String[] testCase : cases) {
			Result result = run(testCase[0], testCase[1]);

			assertThat(result.exitCode()).as(testCase[0]).isEqualTo(2);
			assertThat(result.stdout()).as(testCase[0]).isEmpty();
			assertThat(result.stderr()).as(testCase[0]).contains(testCase[2]).doesNotContain(testCase[1]);
		}
	}

	@Test
	void scriptWhenArgumentMissingThenUsage() throws Exception {
		Result result = runRaw(List.of("only-a-key"));

		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.stderr()).contains("usage:");
	}

	private String serviceToken(String key, String secret) {
		SigningCredential credential = new SigningCredential(key, secret.getBytes(StandardCharsets.UTF_8),
				CredentialStatus.ACTIVE, TokenFormat.LEGACY);
		return this.issuer.issue(credential).token();
	}

	/**
	 * Runs the script with the UTF-8 bytes of each argument. The JVM would encode
	 * arguments in the locale's charset, which is ASCII where no locale is set, so bash
	 * rebuilds them from {@code \xHH} escapes instead.
	 */
	private static Result run(String key, String secret) throws Exception {
		return runRaw(List.of(key, secret));
	}

	private static Result runRaw(List<String> arguments) throws Exception {
		List<String> command = new ArrayList<>(List.of("bash", "-c", "args=(); for a in \"$@\"; do "
				+ "args+=(\"$(printf \"$a\")\"); done; exec bash " + SCRIPT + " \"${args[@]}\"", "bash"));
		arguments.forEach((argument) -> command.add(escapeBytes(argument)));
		Process process = new ProcessBuilder(command).start();
		process.getOutputStream().close();
		String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IOException(SCRIPT + " did not finish within 30 seconds");
		}
		return new Result(process.exitValue(), stdout, stderr);
	}

	private static String escapeBytes(String value) {
		StringBuilder escaped = new StringBuilder();
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			escaped.append(String.format("\\x%02x", b & 0xff));
		}
		return escaped.toString();
	}

	private record Result(int exitCode, String stdout, String stderr) {

	}

}
