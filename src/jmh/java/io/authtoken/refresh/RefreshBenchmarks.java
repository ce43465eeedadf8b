package io.authtoken.refresh;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import io.authtoken.credential.BenchmarkCredentials;
import io.authtoken.credential.CredentialStatus;
import io.authtoken.credential.SigningCredential;
import io.authtoken.credential.TokenFormat;
import io.authtoken.token.BenchmarkTokens;
import io.authtoken.token.Hs256;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-memory work of {@code POST /token/refresh} before its database statements: the
 * strict parse of the presented token and the check of its signature.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class RefreshBenchmarks {

	private static final String KEY = "398e54e888da42f8d089je28c298o42b";

	private final byte[] secret = "07c6e2t1rb92987fnrd705jkk8582p9e-benchmark".getBytes(StandardCharsets.UTF_8);

	private String token;

	@Setup
	public void setUp() {
		SigningCredential credential = new SigningCredential(KEY, this.secret, null, null, CredentialStatus.ACTIVE,
				TokenFormat.STANDARD, null, null);
		this.token = BenchmarkTokens.issuer(Clock.systemUTC(), BenchmarkCredentials.defaultProperties())
			.issue(credential)
			.token();
	}

	/**
	 * Structure, canonical base64url, the header, and the claims read with Jackson.
	 */
	@Benchmark
	public ParsedToken parseToken() {
		return TokenParser.parse(this.token);
	}

	/**
	 * Parses the token and checks its HMAC in constant time, as {@code RefreshService}
	 * does next.
	 */
	@Benchmark
	public boolean parseAndVerifyToken() {
		ParsedToken parsed = TokenParser.parse(this.token);
		return Hs256.verify(parsed.signingInput(), parsed.signature(), this.secret);
	}

}
