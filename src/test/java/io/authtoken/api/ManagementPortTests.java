package io.authtoken.api;

import java.time.Clock;

import io.authtoken.support.ApiClient;
import io.authtoken.support.ApiClient.Response;
import io.authtoken.support.RunningService;
import io.authtoken.support.TestDirectories;
import io.authtoken.support.TestPorts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code management.server.port} set, health and metrics move to that port and leave
 * the API port.
 */
class ManagementPortTests {

	@Test
	void managementPortWhenSetThenServesActuator() {
		int managementPort = TestPorts.free();
		try (RunningService service = RunningService.start(Clock.systemUTC(),
				"management.server.port=" + managementPort,
				"authtoken.data-dir=" + TestDirectories.create("authtoken-management-"))) {
			ApiClient management = new ApiClient(managementPort);

			Response metrics = get(management, "/actuator/prometheus");
			Response readiness = get(management, "/actuator/health/readiness");
			Response metricsOnApiPort = get(service.api(), "/actuator/prometheus");

			assertThat(metrics.status()).isEqualTo(200);
			assertThat(metrics.body()).contains("authtoken_tokens_issued_total");
			assertThat(readiness.status()).isEqualTo(200);
			assertThat(metricsOnApiPort.status()).isEqualTo(404);
			assertThat(metricsOnApiPort.code()).isEqualTo("not_found");
		}
	}

	private static Response get(ApiClient api, String path) {
		return api.send(api.request(path).GET());
	}

}
