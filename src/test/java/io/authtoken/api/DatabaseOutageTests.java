package io.authtoken.api;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.authtoken.support.ApiClient;
import io.authtoken.support.ApiClient.Response;
import io.authtoken.support.PrometheusScrape;
import io.authtoken.support.RunningService;
import io.authtoken.support.TestDirectories;
import io.authtoken.support.TestPorts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service keeps responding while its PostgreSQL is stopped underneath it, and
 * recovers without a restart once the database is back at the same address. The database
 * is this test's own, so stopping it disturbs no other test.
 */
class DatabaseOutageTests {

	private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(30);

	@TempDir
	Path postgresData;

	@Test
	void databaseWhenStoppedThenUnavailableUntilBack() throws Exception {
		int postgresPort = TestPorts.free();
		EmbeddedPostgres postgres = startPostgres(postgresPort);
		try (RunningService service = RunningService.start(Clock.systemUTC(),
				"spring.datasource.url=jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres",
				"spring.datasource.username=postgres", "spring.datasource.password=",
				"authtoken.data-dir=" + TestDirectories.create("authtoken-outage-"))) {
			ApiClient api = service.api();
			Response created = api.adminPost("/admin/credentials", "{\"name\":\"outage\"}");
			String token = api
				.post("/token",
						"{\"key\":\"" + created.text("key") + "\",\"secret\":\"" + created.text("secret") + "\"}")
				.text("token");
			assertThat(get(api, "/actuator/health/readiness").status()).isEqualTo(200);

			postgres.close();

			Response readiness = get(api, "/actuator/health/readiness");
			assertThat(readiness.status()).isEqualTo(503);
			assertThat(readiness.text("status")).isEqualTo("DOWN");
			assertThat(readiness.json().at("/components/db/status").asString()).isEqualTo("DOWN");
			assertThat(readiness.json().at("/components/masterKey/status").asString()).isEqualTo("UP");
			assertThat(get(api, "/actuator/health/liveness").status()).isEqualTo(200);
			Response refresh = refresh(api, token);
			assertUnavailable(refresh);
			Response uncachedKey = api.post("/token", "{\"key\":\"never-looked-up\",\"secret\":\"some-secret\"}");
			assertUnavailable(uncachedKey);
			PrometheusScrape scrape = PrometheusScrape.parse(get(api, "/actuator/prometheus").body());
			assertThat(scrape.value("authtoken_token_requests_rejected_total", "endpoint", "/token/refresh", "code",
					"service_unavailable"))
				.isEqualTo(1);
			assertThat(scrape.value("authtoken_token_requests_rejected_total", "endpoint", "/token", "code",
					"service_unavailable"))
				.isEqualTo(1);

			postgres = startPostgres(postgresPort);

			assertThat(awaitReadiness(api)).isEqualTo(200);
			Response refreshed = refresh(api, token);
			assertThat(refreshed.status()).isEqualTo(200);
			assertThat(refreshed.text("token")).isNotEqualTo(token);
		}
		finally {
			postgres.close();
		}
	}

	private static void assertUnavailable(Response response) {
		assertThat(response.status()).isEqualTo(503);
		assertThat(response.code()).isEqualTo("service_unavailable");
		assertThat(response.header("Retry-After")).isEqualTo("5");
		assertThat(response.text("requestId")).isEqualTo(response.header("X-Request-Id"));
	}

	/**
	 * Starts PostgreSQL on a fixed port and data directory. Once the directory contains a
	 * database, a later start serves that same database again.
	 */
	private EmbeddedPostgres startPostgres(int port) throws IOException {
		return EmbeddedPostgres.builder()
			.setPort(port)
			.setDataDirectory(this.postgresData)
			.setCleanDataDirectory(false)
			.setServerConfig("listen_addresses", "127.0.0.1")
			.start();
	}

	private static int awaitReadiness(ApiClient api) throws InterruptedException {
		Instant deadline = Instant.now().plus(RECOVERY_TIMEOUT);
		int status = get(api, "/actuator/health/readiness").status();
		while (status != 200 && Instant.now().isBefore(deadline)) {
			Thread.sleep(200);
			status = get(api, "/actuator/health/readiness").status();
		}
		return status;
	}

	private static Response get(ApiClient api, String path) {
		return api.send(api.request(path).GET());
	}

	private static Response refresh(ApiClient api, String token) {
		return api.post("/token/refresh", "{\"token\":\"" + token + "\"}");
	}

}
