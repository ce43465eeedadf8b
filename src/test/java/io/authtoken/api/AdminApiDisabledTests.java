package io.authtoken.api;

import java.io.IOException;
import java.net.http.HttpRequest;

import io.authtoken.support.ApiClient;
import io.authtoken.support.ApiClient.Response;
import io.authtoken.support.TestDirectories;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no admin token configured, the admin API is closed to everyone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "authtoken.admin.token=")
class AdminApiDisabledTests {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) throws IOException {
		String dataDir = TestDirectories.create("authtoken-noadmin-");
		registry.add("authtoken.data-dir", () -> dataDir);
	}

	@Test
	void adminCallWhenNoAdminTokenConfiguredThenForbiddenWithHowTo() {
		ApiClient api = new ApiClient(this.port);

		Response withToken = api.adminGet("/admin/credentials");
		Response withoutToken = api.send(api.request("/admin/credentials")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}")));

		assertThat(withToken.status()).isEqualTo(403);
		assertThat(withToken.code()).isEqualTo("admin_api_disabled");
		assertThat(withToken.text("detail")).contains("AUTHTOKEN_ADMIN_TOKEN");
		assertThat(withoutToken.status()).isEqualTo(403);
		assertThat(withoutToken.code()).isEqualTo("admin_api_disabled");
	}

}
