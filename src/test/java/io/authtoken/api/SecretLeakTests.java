package io.authtoken.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.authtoken.support.ApiClient;
import io.authtoken.support.ApiClient.Response;
import io.authtoken.support.MutableClock;
import io.authtoken.support.RunningService;
import io.authtoken.support.TestDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every path that handles a secret with DEBUG logging on, then scans what the
 * service wrote to its log and sent in its responses. No secret may appear anywhere but
 * in the one response that creates or rotates it, and no token may appear in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretLeakTests {

	private static final String FILE_SECRET = "file-imported-secret-0123456789abcdef";

	private static final String GIVEN_SECRET = "given-secret-0123456789abcdefghijkl";

	private static final String IMPORTED_SECRET = "endpoint-imported-secret-0123456789ab";

	private static final String CONFLICTING_SECRET = "conflicting-secret-0123456789abcdefgh";

	private static final String SKIPPED_SECRET = "short-skipped";

	private static final String NOT_HS256_SECRET = "rs256-entry-secret-0123456789abcdefgh";

	@TempDir
	Path files;

	@Test
	void secretsAppearOnlyInCreateAndRotateResponses(CapturedOutput output) throws IOException {
		Path importFile = this.files.resolve("import.json");
		Files.writeString(importFile, "[{\"key\":\"leak-file\",\"secret\":\"" + FILE_SECRET + "\"}]");
		List<String> secrets = new ArrayList<>(List.of(FILE_SECRET, GIVEN_SECRET, IMPORTED_SECRET, CONFLICTING_SECRET,
				SKIPPED_SECRET, NOT_HS256_SECRET));
		List<String> tokens = new ArrayList<>();
		List<Response> responses = new ArrayList<>();
		MutableClock clock = new MutableClock(Instant.parse("2026-12-10T08:00:00Z"));

		try (RunningService service = RunningService.start(clock,
				"authtoken.data-dir=" + TestDirectories.create("authtoken-leak-"),
				"authtoken.credentials.import-file=" + importFile, "authtoken.refresh.reuse-grace=PT0S",
				"logging.level.io.authtoken=DEBUG", "logging.level.org.springframework.web=DEBUG",
				"logging.level.org.springframework.jdbc.core=DEBUG")) {
			ApiClient api = service.api();
			Response given = api.adminPost("/admin/credentials",
					"{\"name\":\"leak\",\"key\":\"leak-given\",\"secret\":\"" + GIVEN_SECRET + "\"}");
			Response generated = api.adminPost("/admin/credentials", "{\"name\":\"leak-generated\"}");
			String generatedKey = generated.text("key");
			secrets.add(generated.text("secret"));
			Response rotated = api.adminPost("/admin/credentials/" + generatedKey + "/rotate", "");
			secrets.add(rotated.text("secret"));
			assertThat(given.body()).contains(GIVEN_SECRET);
			assertThat(rotated.body()).contains(rotated.text("secret")).doesNotContain(generated.text("secret"));

			responses.add(api.adminPost("/admin/credentials/import",
					"{\"data\":[{\"key\":\"leak-imported\",\"secret\":\"" + IMPORTED_SECRET
							+ "\",\"algorithm\":\"HS256\"},{\"key\":\"leak-given\",\"secret\":\"" + CONFLICTING_SECRET
							+ "\"},{\"key\":\"leak-short\",\"secret\":\"" + SKIPPED_SECRET
							+ "\"},{\"key\":\"leak-rs\",\"secret\":\"" + NOT_HS256_SECRET
							+ "\",\"algorithm\":\"RS256\"}]}"));
			for (String[] credential : new String[][] { { "leak-file", FILE_SECRET }, { "leak-given", GIVEN_SECRET },
					{ "leak-imported", IMPORTED_SECRET }, { generatedKey, generated.text("secret") },
					{ generatedKey, rotated.text("secret") } }) {
				Response issued = issue(api, credential[0], credential[1]);
				responses.add(issued);
				tokens.add(issued.text("token"));
				responses.add(issue(api, credential[0], credential[1] + "-wrong"));
			}
			Response refreshed = refresh(api, tokens.get(0));
			tokens.add(refreshed.text("token"));
			clock.advance(Duration.ofSeconds(1));
			responses.add(refreshed);
			responses.add(refresh(api, tokens.get(0)));
			responses.add(refresh(api, tokens.get(1) + "x"));
			responses.add(api.adminPatch("/admin/credentials/leak-given", "application/json",
					"{\"name\":\"renamed\",\"secret\":\"" + GIVEN_SECRET + "\"}"));
			responses.add(api.adminGet("/admin/credentials?size=200"));
			responses.add(api.adminGet("/admin/credentials/" + generatedKey));
			responses.add(api.adminPost("/admin/master-key/reencrypt", ""));
			responses.add(api.adminGet("/admin/audit?size=200"));
		}

		assertThat(responses).hasSizeGreaterThan(15);
		for (Response response : responses) {
			for (String secret : secrets) {
				assertThat(response.body()).as("response %s", response.raw().uri()).doesNotContain(secret);
			}
		}
		assertThat(output.getAll()).contains("leak-rs").contains("Imported credential leak-file");
		for (String secret : secrets) {
			assertThat(output.getAll()).as("log").doesNotContain(secret);
		}
		for (String token : tokens) {
			assertThat(token).isNotNull();
			assertThat(output.getAll()).as("log").doesNotContain(token).doesNotContain(token.split("\\.")[2]);
		}
	}

	private static Response issue(ApiClient api, String key, String secret) {
		return api.post("/token", "{\"key\":" + ApiClient.quote(key) + ",\"secret\":" + ApiClient.quote(secret) + "}");
	}

	private static Response refresh(ApiClient api, String token) {
		return api.post("/token/refresh", "{\"token\":" + ApiClient.quote(token) + "}");
	}

}
