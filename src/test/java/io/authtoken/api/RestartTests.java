package io.authtoken.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import io.authtoken.AuthTokenApplication;
import io.authtoken.support.ApiClient;
import io.authtoken.support.ApiClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Credentials and the single-use record survive a restart on the embedded H2 file
 * database with a generated master key.
 */
class RestartTests {

	@TempDir
	Path dataDir;

	@Test
	void restartWhenSameDataDirectoryThenCredentialsAndRefreshRecordsKept() {
		String key;
		String secret;
		String refreshedToken;
		String successor;
		try (ConfigurableApplicationContext first = start()) {
			ApiClient api = client(first);
			Response created = api.adminPost("/admin/credentials", "{\"name\":\"survivor\"}");
			key = created.text("key");
			secret = created.text("secret");
			refreshedToken = issue(api, key, secret).text("token");
			Response refreshed = api.post("/token/refresh", "{\"token\":\"" + refreshedToken + "\"}");
			assertThat(refreshed.status()).isEqualTo(200);
			successor = refreshed.text("token");
		}

		try (ConfigurableApplicationContext second = start()) {
			ApiClient api = client(second);

			assertThat(issue(api, key, secret).status()).isEqualTo(200);
			assertThat(api.adminGet("/admin/credentials/" + key).text("name")).isEqualTo("survivor");
			Response retried = api.post("/token/refresh", "{\"token\":\"" + refreshedToken + "\"}");
			assertThat(retried.text("token")).as("retry within the grace period").isEqualTo(successor);
		}
	}

	@Test
	void restartWhenMasterKeyFileLostThenStartupFailsNamingTheFix() throws Exception {
		try (ConfigurableApplicationContext first = start()) {
			client(first).adminPost("/admin/credentials", "{\"name\":\"orphan\"}");
		}
		Files.delete(this.dataDir.resolve("master-key.json"));

		assertThatException().isThrownBy(this::start)
			.satisfies((ex) -> assertThat(messages(ex)).contains("master key").contains("AUTHTOKEN_MASTER_KEY"));
	}

	@Test
	void startWhenDataDirectoryMissingThenCreatedOwnerOnly() throws Exception {
		Path nested = this.dataDir.resolve("missing/data");

		try (ConfigurableApplicationContext context = start("--authtoken.data-dir=" + nested)) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested))).isEqualTo("rwx------");
			assertThat(nested.resolve("master-key.json")).exists();
		}
	}

	@Test
	void startWhenSettingInvalidThenFailsNamingProperty() {
		String[][] cases = { { "--authtoken.admin.token=short", "authtoken.admin.token" },
				{ "--authtoken.token.ttl=PT0S", "authtoken.token.ttl" },
				{ "--authtoken.token.max-ttl=PT30M", "authtoken.token.max-ttl" },
				{ "--authtoken.credentials.rotation-overlap=-PT1S", "authtoken.credentials.rotation-overlap" },
				{ "--authtoken.audit.retention=PT0S", "authtoken.audit.retention" },
				{ "--authtoken.admin.name= ", "authtoken.admin.name" },
				{ "--authtoken.refresh.window=-PT1S", "authtoken.refresh.window" },
				{ "--authtoken.master-key=bm90LWEta2V5c2V0", "authtoken.master-key" } };

		for (String[] testCase : cases) {
			assertThatException().as(testCase[0])
				.isThrownBy(() -> start(testCase[0]).close())
				.satisfies((ex) -> assertThat(messages(ex)).contains(testCase[1]).doesNotContain("bm90LWEta2V5c2V0"));
		}
	}

	private ConfigurableApplicationContext start(String... extraArguments) {
		List<String> arguments = new ArrayList<>(List.of(extraArguments));
		for (String argument : List.of("--server.port=0", "--authtoken.data-dir=" + this.dataDir,
				"--authtoken.admin.token=" + ApiClient.ADMIN_TOKEN, "--authtoken.master-key=")) {
			String name = argument.substring(0, argument.indexOf('=') + 1);
			if (arguments.stream().noneMatch((extra) -> extra.startsWith(name))) {
				arguments.add(argument);
			}
		}
		return new SpringApplicationBuilder(AuthTokenApplication.class).run(arguments.toArray(String[]::new));
	}

	private static String messages(Throwable exception) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

	private static ApiClient client(ConfigurableApplicationContext context) {
		return new ApiClient(((WebServerApplicationContext) context).getWebServer().getPort());
	}

	private static Response issue(ApiClient api, String key, String secret) {
		return api.post("/token", "{\"key\":\"" + key + "\",\"secret\":\"" + secret + "\"}");
	}

}
