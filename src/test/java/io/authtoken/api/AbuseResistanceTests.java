package io.authtoken.api;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.authtoken.support.ApiClient;
import io.authtoken.support.ApiClient.Response;
import io.authtoken.support.MutableClock;
import io.authtoken.support.RunningService;
import io.authtoken.support.TestDirectories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lockout after repeated wrong secrets and the rate limit, with client addresses
 * taken from {@code X-Forwarded-For} because 127.0.0.1 is configured as a trusted proxy.
 */
class AbuseResistanceTests {

	private static final String SECRET = "an-abuse-test-secret-of-32-bytes";

	private static final MutableClock clock = new MutableClock(Instant.parse("2026-08-01T08:00:00Z"));

	private static RunningService service;

	private static ApiClient api;

	@BeforeAll
	static void startService() {
		service = RunningService.start(clock, "authtoken.data-dir=" + TestDirectories.create("authtoken-abuse-"),
				"authtoken.trusted-proxies=127.0.0.1", "authtoken.rate-limit.enabled=true",
				"authtoken.rate-limit.burst=30", "authtoken.rate-limit.requests-per-second=1");
		api = service.api();
	}

	@AfterAll
	static void stopService() {
		service.close();
	}

	@Test
	void issueWhenTenWrongSecretsFromOneAddressThenLockedOutForThatAddressOnly() {
		createCredential("locked-key");
		for (int i = 0; i < 10; i++) {
			assertThat(issue("locked-key", SECRET + "-wrong", "198.51.100.1").code()).isEqualTo("invalid_credentials");
		}

		Response lockedWithRightSecret = issue("locked-key", SECRET, "198.51.100.1");
		Response otherAddress = issue("locked-key", SECRET, "198.51.100.2");

		assertThat(lockedWithRightSecret.status()).isEqualTo(429);
		assertThat(lockedWithRightSecret.code()).isEqualTo("too_many_attempts");
		assertThat(Long.parseLong(lockedWithRightSecret.header("Retry-After"))).isBetween(890L, 900L);
		assertThat(otherAddress.status()).isEqualTo(200);
		Response audit = api.adminGet("/admin/audit?key=locked-key&type=lockout");
		assertThat(audit.json().get("items")).hasSize(1);
		assertThat(audit.json().get("items").get(0).get("detail").asString()).contains("198.51.100.1");
		String metrics = api.send(api.request("/actuator/prometheus").GET()).body();
		assertThat(metrics).containsPattern("(?m)^authtoken_lockouts_total(\\{[^}]*})? [1-9]");
	}

	@Test
	void issueWhenWrongSecretsSentAtOnceThenAtMostTheLimitChecked() throws Exception {
		createCredential("burst-key");
		ExecutorService executor = Executors.newFixedThreadPool(25);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Response>> futures = new ArrayList<>();

		for (int i = 0; i < 25; i++) {
			futures.add(executor.submit(() -> {
				start.await();
				return issue("burst-key", SECRET + "-wrong", "198.51.100.9");
			}));
		}
		start.countDown();
		int checked = 0;
		for (Future<Response> future : futures) {
			checked += "invalid_credentials".equals(future.get().code()) ? 1 : 0;
		}
		executor.shutdown();

		assertThat(checked).isEqualTo(10);
	}

	@Test
	void issueWhenLockoutWindowPassedThenAcceptedAgain() {
		createCredential("window-key");
		for (int i = 0; i < 10; i++) {
			issue("window-key", SECRET + "-wrong", "198.51.100.3");
		}
		assertThat(issue("window-key", SECRET, "198.51.100.3").code()).isEqualTo("too_many_attempts");

		clock.advance(Duration.ofMinutes(15).plusSeconds(1));
		Response afterWindow = issue("window-key", SECRET, "198.51.100.3");

		assertThat(afterWindow.status()).isEqualTo(200);
	}

	@Test
	void issueWhenNineWrongSecretsThenNotLockedOut() {
		createCredential("nine-key");
		for (int i = 0; i < 9; i++) {
			issue("nine-key", SECRET + "-wrong", "198.51.100.4");
		}

		assertThat(issue("nine-key", SECRET, "198.51.100.4").status()).isEqualTo(200);
	}

	@Test
	void issueWhenKeyUnknownThenFailuresCountAlike() {
		for (int i = 0; i < 10; i++) {
			assertThat(issue("never-created", SECRET, "198.51.100.5").code()).isEqualTo("invalid_credentials");
		}

		assertThat(issue("never-created", SECRET, "198.51.100.5").code()).isEqualTo("too_many_attempts");
		assertThat(api.adminGet("/admin/audit?key=never-created&type=lockout").json().get("items")).isEmpty();
	}

	@Test
	void requestsOverBurstFromOneAddressThenRateLimitedOthersNot() {
		createCredential("rate-key");
		int limited = 0;
		Response last = null;
		for (int i = 0; i < 35; i++) {
			last = api.send(api.request("/token/refresh")
				.header("Content-Type", "application/json")
				.header("X-Forwarded-For", "203.0.113.9")
				.POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"x\"}")));
			limited += (last.status() == 429) ? 1 : 0;
		}

		assertThat(limited).isGreaterThanOrEqualTo(4);
		assertThat(last.code()).isEqualTo("rate_limited");
		assertThat(Long.parseLong(last.header("Retry-After"))).isPositive();
		assertThat(issue("rate-key", SECRET, "203.0.113.10").status()).isEqualTo(200);
	}

	@Test
	void requestsWithPercentEncodedPathThenCountedAsTheirEndpoint() {
		int limited = 0;
		for (int i = 0; i < 35; i++) {
			Response response = api.send(api.request("/%74oken/%72efresh")
				.header("Content-Type", "application/json")
				.header("X-Forwarded-For", "203.0.113.20")
				.POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"x\"}")));
			limited += (response.status() == 429) ? 1 : 0;
		}

		assertThat(limited).isGreaterThanOrEqualTo(4);
	}

	@Test
	void forwardedAddressSpelledTwoWaysThenOneLockout() {
		createCredential("spelling-key");
		for (int i = 0; i < 10; i++) {
			String spelling = (i % 2 == 0) ? "2001:db8::1" : "2001:DB8:0:0:0:0:0:1";
			issue("spelling-key", SECRET + "-wrong", spelling);
		}

		assertThat(issue("spelling-key", SECRET, "[2001:db8::1]").code()).isEqualTo("too_many_attempts");
	}

	@Test
	void ipv6AddressesOfOnePrefixShareLockout() {
		createCredential("prefix-key");
		for (int i = 0; i < 10; i++) {
			issue("prefix-key", SECRET + "-wrong", "2001:db8:aa:bb::" + Integer.toHexString(i + 1));
		}

		Response samePrefix = issue("prefix-key", SECRET, "2001:db8:aa:bb:ffff::9");
		Response otherPrefix = issue("prefix-key", SECRET, "2001:db8:aa:bc::1");

		assertThat(samePrefix.code()).isEqualTo("too_many_attempts");
		assertThat(otherPrefix.status()).isEqualTo(200);
		Response audit = api.adminGet("/admin/audit?key=prefix-key&type=lockout");
		assertThat(audit.json().get("items").get(0).get("detail").asString()).contains("2001:db8:aa:bb:0:0:0:0/64");
	}

	@Test
	void forwardedAddressNotAnIpThenBadRequest() {
		createCredential("bad-xff-key");

		for (String forwarded : new String[] { "not-an-address", "cafe", "A".repeat(70), "999.1.1.1" }) {
			Response response = issue("bad-xff-key", SECRET, forwarded);
			assertThat(response.status()).as(forwarded).isEqualTo(400);
			assertThat(response.code()).as(forwarded).isEqualTo("invalid_request");
		}
	}

	private static void createCredential(String key) {
		Response created = api.adminPost("/admin/credentials",
				"{\"name\":\"abuse\",\"key\":\"" + key + "\",\"secret\":\"" + SECRET + "\"}");
		assertThat(created.status()).isEqualTo(201);
	}

	private static Response issue(String key, String secret, String clientAddress) {
		return api.send(api.request("/token")
			.header("Content-Type", "application/json")
			.header("X-Forwarded-For", clientAddress)
			.POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"" + key + "\",\"secret\":\"" + secret + "\"}")));
	}

}
