package io.authtoken.token;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.authtoken.audit.BenchmarkAudit;
import io.authtoken.config.AuthTokenProperties;
import io.authtoken.credential.BenchmarkCredentials;
import io.authtoken.credential.CredentialCache;
import io.authtoken.credential.CredentialStatus;
import io.authtoken.credential.SigningCredential;
import io.authtoken.credential.TokenFormat;
import io.authtoken.web.ApiException;
import io.authtoken.web.BenchmarkMetrics;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * The work of {@code POST /token} inside the service, without HTTP: checking a secret,
 * building and signing a standard token, and writing the response body as JSON.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class TokenBenchmarks {

	private static final String KEY = "398e54e888da42f8d089je28c298o42b";

	private static final String SECRET = "07c6e2t1rb92987fnrd705jkk8582p9e-benchmark";

	private final SigningCredential credential = new SigningCredential(KEY, SECRET.getBytes(StandardCharsets.UTF_8),
			null, null, CredentialStatus.ACTIVE, TokenFormat.STANDARD, null, null);

	private final TokenRequest rightSecret = new TokenRequest(KEY, SECRET);

	private final TokenRequest wrongSecret = new TokenRequest(KEY, SECRET + "-wrong");

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	private TokenIssuer issuer;

	private CredentialAuthenticator authenticator;

	private String payload;

	private TokenResponse response;

	@Setup
	public void setUp() throws Exception {
		AuthTokenProperties properties = BenchmarkCredentials.defaultProperties();
		Clock clock = Clock.systemUTC();
		this.issuer = BenchmarkTokens.issuer(clock, properties);
		CredentialCache credentials = BenchmarkCredentials.cache(Map.of(KEY, SECRET));
		SecretLockout lockout = new SecretLockout(new NeverLockingStore(),
				BenchmarkAudit.discardingLog(clock, properties), BenchmarkMetrics.tokenMetrics(), clock, properties);
		this.authenticator = new CredentialAuthenticator(credentials, lockout, clock);
		IssuedToken issued = this.issuer.issue(this.credential);
		this.payload = TokenIssuer.standardPayload(
				this.issuer.nextInChain(this.credential, "benchmarkChain", clock.instant().getEpochSecond()));
		this.response = TokenResponse.from(issued);
	}

	/**
	 * Signs a standard payload: HMAC-SHA256 and base64url, the cryptographic part alone.
	 */
	@Benchmark
	public String signPayload() {
		return Hs256.sign(this.payload, this.credential.secret());
	}

	/**
	 * Issues a standard token: the claims with two random ids, the payload JSON, and the
	 * signature.
	 */
	@Benchmark
	public IssuedToken issueStandardToken() {
		return this.issuer.issue(this.credential);
	}

	/**
	 * Checks a right secret: the fields, the lockout, the cache lookup and the
	 * constant-time comparison.
	 */
	@Benchmark
	public SigningCredential checkSecret() {
		return this.authenticator.authenticate(this.rightSecret, "127.0.0.1");
	}

	/**
	 * Checks a wrong secret, which the lockout counts in memory as the service does. The
	 * lockout store here has no database, which the request path does not use either.
	 */
	@Benchmark
	public ApiException checkWrongSecret() {
		try {
			this.authenticator.authenticate(this.wrongSecret, "127.0.0.1");
			throw new IllegalStateException("A wrong secret was accepted");
		}
		catch (ApiException ex) {
			return ex;
		}
	}

	/**
	 * Writes the response body, with its three times, with Jackson.
	 */
	@Benchmark
	public byte[] writeResponse() {
		return this.jsonMapper.writeValueAsBytes(this.response);
	}

	/**
	 * Counts failures without a database and never locks a pair out.
	 */
	private static final class NeverLockingStore implements LockoutStore {

		@Override
		public int[] addFailures(List<Failures> failures, Instant now, Duration window) {
			return new int[failures.size()];
		}

		@Override
		public List<Count> findCounts(Instant now, Duration window, int limit) {
			return List.of();
		}

		@Override
		public boolean lock(String credentialKey, String clientAddress, Instant now, Instant lockedUntil) {
			return false;
		}

		@Override
		public List<Lockout> findLockouts(Instant since, Instant now) {
			return List.of();
		}

		@Override
		public int purgeExpired(Instant now) {
			return 0;
		}

	}

}
