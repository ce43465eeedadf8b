package io.authtoken.web;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Gives tests outside this package the service's {@link TokenMetrics}.
 */
public final class TestMetrics {

	private TestMetrics() {
	}

	public static TokenMetrics on(MeterRegistry registry) {
		return new TokenMetrics(registry);
	}

}
