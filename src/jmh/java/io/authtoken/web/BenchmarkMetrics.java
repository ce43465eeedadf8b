package io.authtoken.web;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Gives benchmarks the service's {@link TokenMetrics} on an in-memory registry.
 */
public final class BenchmarkMetrics {

	private BenchmarkMetrics() {
	}

	public static TokenMetrics tokenMetrics() {
		return new TokenMetrics(new SimpleMeterRegistry());
	}

}
