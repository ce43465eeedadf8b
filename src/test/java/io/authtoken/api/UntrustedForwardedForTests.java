package io.authtoken.api;

import java.net.http.HttpRequest;
import java.time.Instant;

import io.authtoken.support.ApiClient;
import io.authtoken.support.ApiClient.Response;
import io.authtoken.support.MutableClock;
import io.authtoken.support.RunningService;
import io.authtoken.support.TestDirectories;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without trusted proxies, {@code X-Forwarded-For} is ignored: a client cannot dodge its
 * lockout or its rate limit by sending a different address in a header.
 */
class UntrustedForwardedForTests {

	private static final String SECRET = "an-untrusted-xff-secret-32-bytes";

	@Test
	void forwardedForWhenNoTrustedProxyThenSocketAddressCounts() {
		MutableClock clock = new MutableClock(Instant.parse("2026-08-01T08:00:00Z"));
		try (RunningService service = RunningService.start(clock,
				"authtoken.data-dir=" + TestDirectories.create("authtoken-xff-"), "authtoken.rate-limit.enabled=true",
				"authtoken.rate-limit.burst=11", "authtoken.rate-limit.requests-per-second=1")) {
			ApiClient api = service.api();
			api.adminPost("/admin/credentials", "{\"name\":\"x\",\"key\":\"xff-key\",\"secret\":\"" + SECRET + "\"}");

			for (int i = 0; i < 10; i++) {
				issue(api, SECRET + "-wrong", "192.0.2." + i);
			}
			Response spoofed = issue(api, SECRET, "192.0.2.200");
			Response overBurst = issue(api, SECRET, "192.0.2.201");

			assertThat(spoofed.code()).isEqualTo("too_many_attempts");
			assertThat(overBurst.status()).isEqualTo(429);
			assertThat(overBurst.code()).isEqualTo("rate_limited");
		}
	}

	private static Response issue(ApiClient api, String secret, String forwardedFor) {
		return api.send(api.request("/token")
			.header("Content-Type", "application/json")
			.header("X-Forwarded-For", forwardedFor)
			.POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"xff-key\",\"secret\":\"" + secret + "\"}")));
	}

}
