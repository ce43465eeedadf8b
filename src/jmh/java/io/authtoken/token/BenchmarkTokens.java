package io.authtoken.token;

import java.time.Clock;

import io.authtoken.config.AuthTokenProperties;

/**
 * Gives benchmarks in other packages a {@link TokenIssuer}, whose constructor only Spring
 * and this package may call.
 */
public final class BenchmarkTokens {

	private BenchmarkTokens() {
	}

	public static TokenIssuer issuer(Clock clock, AuthTokenProperties properties) {
		return new TokenIssuer(clock, properties);
	}

}
