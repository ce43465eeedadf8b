package io.authtoken.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.authtoken.AuthTokenApplication;
import io.authtoken.support.TestPorts;
import io.authtoken.support.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A start with a setting that cannot work stops at once with one report that names the
 * setting, shows its value with any secret masked, and states the fix.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTests {

	private static final String REPORT_HEADING = "APPLICATION FAILED TO START";

	@TempDir
	Path dataDir;

	@Test
	void startWhenDatabaseUnreachableThenReportsUrl(CapturedOutput output) {
		String url = "jdbc:postgresql://127.0.0.1:" + TestPorts.free() + "/authtoken?password=url-secret-9f2c";

		assertThatException().isThrownBy(() -> start("--spring.datasource.url=" + url,
				"--spring.datasource.username=authtoken", "--spring.datasource.password=property-secret-5e1a"));

		String report = report(output);
		assertThat(report).contains("Failed to connect to the database at spring.datasource.url "
				+ "(SPRING_DATASOURCE_URL) = " + url.replace("url-secret-9f2c", "******") + " as user 'authtoken'");
		assertThat(report).contains("Start the database, or set SPRING_DATASOURCE_URL");
		assertThat(output.getOut()).doesNotContain("url-secret-9f2c").doesNotContain("property-secret-5e1a");
	}

	@Test
	void startWhenDatabaseMissingThenReportsIt(CapturedOutput output) {
		String url = TestPostgres.createDatabase().replaceFirst("/authtoken_test_\\d+", "/no_such_database");

		assertThatException().isThrownBy(() -> start("--spring.datasource.url=" + url,
				"--spring.datasource.username=postgres", "--spring.datasource.password="));

		assertThat(report(output)).contains("does not exist")
			.contains("no_such_database")
			.contains("Create the database, or correct its name");
	}

	@Test
	void startWhenMasterKeyInvalidThenReportsProperty(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("--authtoken.master-key=bm90LWEta2V5c2V0LXZhbHVl"));

		assertThat(report(output))
			.contains("authtoken.master-key (AUTHTOKEN_MASTER_KEY): the value (masked) is not a Tink JSON keyset")
			.contains("Set AUTHTOKEN_MASTER_KEY to the master-key.json");
		assertThat(output.getOut()).doesNotContain("bm90LWEta2V5c2V0LXZhbHVl");
	}

	/**
	 * Returns the failure analysis that Spring Boot printed, from its heading on, and
	 * checks that it is the only one.
	 */
	private static String report(CapturedOutput output) {
		String out = output.getOut();
		int heading = out.indexOf(REPORT_HEADING);
		assertThat(heading).as("a failure report in the output").isGreaterThanOrEqualTo(0);
		assertThat(out.indexOf(REPORT_HEADING, heading + 1)).as("a second failure report").isNegative();
		return out.substring(heading);
	}

	private void start(String... extraArguments) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--authtoken.data-dir=" + this.dataDir));
		arguments.addAll(List.of(extraArguments));
		new SpringApplicationBuilder(AuthTokenApplication.class).run(arguments.toArray(String[]::new)).close();
	}

}
