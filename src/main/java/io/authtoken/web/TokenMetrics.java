package io.authtoken.web;

import io.authtoken.credential.TokenFormat;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Counters of the token endpoints, exported at {@code /actuator/prometheus}. Every
 * counter is registered at startup, so that recording one is an array read and an
 * increment, and so that each series is scraped as 0 before its first event.
 */
@Component
public final class TokenMetrics {

	private final Counter[][] issued = new Counter[Endpoint.values().length][TokenFormat.values().length];

	private final Counter[][] rejected = new Counter[Endpoint.values().length][ErrorCode.values().length];

	private final Counter refreshReuseDetected;

	private final Counter lockouts;

	TokenMetrics(MeterRegistry registry) {
		for (Endpoint endpoint : Endpoint.values()) {
			for (TokenFormat format : TokenFormat.values()) {
				this.issued[endpoint.ordinal()][format.ordinal()] = Counter.builder("authtoken.tokens.issued")
					.description("Tokens issued, by endpoint and token format")
					.tag("endpoint", endpoint.path())
					.tag("format", format.value())
					.register(registry);
			}
			for (ErrorCode code : ErrorCode.values()) {
				this.rejected[endpoint.ordinal()][code.ordinal()] = Counter.builder("authtoken.token.requests.rejected")
					.description("Token requests answered with a problem detail, by endpoint and error code")
					.tag("endpoint", endpoint.path())
					.tag("code", code.code())
					.register(registry);
			}
		}
		this.refreshReuseDetected = Counter.builder("authtoken.refresh.reuse.detected")
			.description("Refreshes of a token that was already refreshed, after the reuse grace period")
			.register(registry);
		this.lockouts = Counter.builder("authtoken.lockouts")
			.description("Lockouts imposed on the token endpoints after repeated failures")
			.register(registry);
	}

	public void issued(Endpoint endpoint, TokenFormat format) {
		this.issued[endpoint.ordinal()][format.ordinal()].increment();
	}

	void rejected(Endpoint endpoint, ErrorCode code) {
		this.rejected[endpoint.ordinal()][code.ordinal()].increment();
	}

	public void refreshReuseDetected() {
		this.refreshReuseDetected.increment();
	}

	/**
	 * Counts one lockout. The code that locks a caller out of the token endpoints calls
	 * it once per lockout, not once per rejected request.
	 */
	public void lockout() {
		this.lockouts.increment();
	}

	/**
	 * The token endpoints, named by their path in the {@code endpoint} tag.
	 */
	public enum Endpoint {

		TOKEN("/token"), REFRESH("/token/refresh");

		private final String path;

		Endpoint(String path) {
			this.path = path;
		}

		public String path() {
			return this.path;
		}

		/**
		 * Returns the endpoint at a request path, or {@code null} for any other path.
		 */
		static Endpoint forPath(String path) {
			if (TOKEN.path.equals(path)) {
				return TOKEN;
			}
			if (REFRESH.path.equals(path)) {
				return REFRESH;
			}
			return null;
		}

	}

}
