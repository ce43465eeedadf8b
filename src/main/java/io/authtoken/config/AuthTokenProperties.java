package io.authtoken.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under the {@code authtoken} prefix. {@code docs/configuration.md} lists each
 * one with its environment variable.
 *
 * @param dataDir directory for the embedded H2 database and a generated master key
 * @param masterKey Tink JSON keyset, plain or base64, that encrypts stored secrets; blank
 * means a key generated into {@code dataDir}
 * @param admin admin API settings
 * @param token issued token settings
 * @param refresh refresh settings
 * @param credentials credential cache, rotation and import settings
 * @param lockout lockout settings for repeated wrong secrets
 * @param rateLimit per-client-address rate limit of the token endpoints
 * @param trustedProxies addresses of reverse proxies whose {@code X-Forwarded-For} header
 * names the client; empty means the client is the socket's peer
 * @param cors cross-origin request settings
 * @param audit audit trail settings
 */
@ConfigurationProperties("authtoken")
public record AuthTokenProperties(@DefaultValue("./data") Path dataDir, String masterKey, @DefaultValue Admin admin,
		@DefaultValue Token token, @DefaultValue Refresh refresh, @DefaultValue Credentials credentials,
		@DefaultValue Lockout lockout, @DefaultValue RateLimit rateLimit, @DefaultValue List<String> trustedProxies,
		@DefaultValue Cors cors, @DefaultValue Audit audit) {

	/**
	 * Admin API settings.
	 *
	 * @param token bearer token that the admin API requires; blank disables the admin API
	 * @param name actor recorded in the audit trail for calls made with the admin token
	 */
	public record Admin(String token, @DefaultValue("admin") String name) {

		/** Shortest admin token accepted, so that it cannot be guessed. */
		public static final int MIN_TOKEN_LENGTH = 16;

		/** Maximum admin name length, the size of the audit trail's actor column. */
		public static final int MAX_NAME_LENGTH = 100;

		public Admin {
			if (token != null && !token.isBlank() && token.strip().length() < MIN_TOKEN_LENGTH) {
				throw new IllegalArgumentException("authtoken.admin.token (AUTHTOKEN_ADMIN_TOKEN) is shorter than "
						+ MIN_TOKEN_LENGTH + " characters; generate one with 'openssl rand -base64 32'");
			}
			if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH
					|| name.chars().anyMatch(Character::isISOControl)) {
				throw new IllegalArgumentException("authtoken.admin.name (AUTHTOKEN_ADMIN_NAME) must be 1 to "
						+ MAX_NAME_LENGTH + " characters without control characters, such as 'ops-team'");
			}
		}

		public boolean enabled() {
			return this.token != null && !this.token.isBlank();
		}

	}

	/**
	 * Issued token settings.
	 *
	 * @param ttl lifetime of a standard token, from {@code iat} to {@code exp}, for
	 * credentials without a token lifetime of their own
	 * @param maxTtl longest token lifetime that a credential may set
	 */
	public record Token(@DefaultValue("PT1H") Duration ttl, @DefaultValue("P1D") Duration maxTtl) {

		public Token {
			requirePositive("authtoken.token.ttl", ttl, "PT1H");
			requirePositive("authtoken.token.max-ttl", maxTtl, "P1D");
			if (ttl.compareTo(maxTtl) > 0) {
				throw new IllegalArgumentException(
						"authtoken.token.ttl is " + ttl + ", longer than authtoken.token.max-ttl (" + maxTtl
								+ "); shorten the first or raise the second");
			}
		}

	}

	/**
	 * Refresh settings.
	 *
	 * @param window how long after its {@code exp} a token can still be refreshed
	 * @param reuseGrace how long after its first refresh a token may be refreshed again
	 * and get the same successor, for clients that retry after a lost response
	 * @param maxChainAge how long after {@code POST /token} a chain of refreshed tokens
	 * can be refreshed at all, however often it was refreshed
	 * @param purgeInterval how often each instance deletes refresh records that can no
	 * longer matter
	 */
	public record Refresh(@DefaultValue("P1D") Duration window, @DefaultValue("PT30S") Duration reuseGrace,
			@DefaultValue("P30D") Duration maxChainAge, @DefaultValue("PT1H") Duration purgeInterval) {

		public Refresh {
			requireNotNegative("authtoken.refresh.window", window, "P1D");
			requireNotNegative("authtoken.refresh.reuse-grace", reuseGrace, "PT30S");
			requirePositive("authtoken.refresh.max-chain-age", maxChainAge, "P30D");
			requirePositive("authtoken.refresh.purge-interval", purgeInterval, "PT1H");
		}

	}

	/**
	 * Credential cache, rotation and import settings.
	 *
	 * @param cacheTtl how long an instance may serve a credential from memory before it
	 * reads the database again; changes made through another instance take up to this
	 * long to show here
	 * @param cacheSize maximum number of credentials, known or unknown keys, held in
	 * memory
	 * @param rotationOverlap how long after a rotation the previous secret is still
	 * accepted
	 * @param purgeInterval how often each instance deletes previous secrets whose overlap
	 * has ended
	 * @param importFile JSON file of credentials to import at startup, or {@code null}
	 * @param importOverwrite whether an import replaces the secret of an existing key
	 * whose secret differs, instead of reporting a conflict
	 */
	public record Credentials(@DefaultValue("PT10S") Duration cacheTtl, @DefaultValue("100000") int cacheSize,
			@DefaultValue("P1D") Duration rotationOverlap, @DefaultValue("PT1H") Duration purgeInterval,
			Path importFile, @DefaultValue("false") boolean importOverwrite) {

		public Credentials {
			requireNotNegative("authtoken.credentials.cache-ttl", cacheTtl, "PT10S");
			if (cacheSize < 1) {
				throw new IllegalArgumentException(
						"authtoken.credentials.cache-size is " + cacheSize + "; it must be at least 1");
			}
			requireNotNegative("authtoken.credentials.rotation-overlap", rotationOverlap, "P1D");
			requirePositive("authtoken.credentials.purge-interval", purgeInterval, "PT1H");
		}

	}

	/**
	 * Audit trail settings.
	 *
	 * @param retention how long audit events are kept
	 * @param purgeInterval how often each instance deletes audit events older than the
	 * retention period
	 */
	public record Audit(@DefaultValue("P90D") Duration retention, @DefaultValue("PT1H") Duration purgeInterval) {

		public Audit {
			requirePositive("authtoken.audit.retention", retention, "P90D");
			requirePositive("authtoken.audit.purge-interval", purgeInterval, "PT1H");
		}

	}

	/**
	 * Lockout settings for repeated wrong secrets.
	 *
	 * @param maxFailures wrong secrets for one key from one client address, within the
	 * window, after which that pair is locked out
	 * @param window how long failures count, and how long a lockout lasts
	 * @param syncInterval how often each instance saves its failure counts to the
	 * database and reads the counts and lockouts of the others
	 */
	public record Lockout(@DefaultValue("10") int maxFailures, @DefaultValue("PT15M") Duration window,
			@DefaultValue("PT1S") Duration syncInterval) {

		public Lockout {
			if (maxFailures < 1) {
				throw new IllegalArgumentException(
						"authtoken.lockout.max-failures is " + maxFailures + "; it must be at least 1, such as 10");
			}
			requirePositive("authtoken.lockout.window", window, "PT15M");
			requirePositive("authtoken.lockout.sync-interval", syncInterval, "PT1S");
		}

	}

	/**
	 * Per-client-address rate limit of {@code POST /token} and
	 * {@code POST /token/refresh}.
	 *
	 * @param enabled whether the limit applies
	 * @param requestsPerSecond sustained requests per second allowed per client address
	 * @param burst requests a client address may send at once after being idle
	 */
	public record RateLimit(@DefaultValue("true") boolean enabled, @DefaultValue("50") int requestsPerSecond,
			@DefaultValue("100") int burst) {

		public RateLimit {
			if (requestsPerSecond < 1) {
				throw new IllegalArgumentException("authtoken.rate-limit.requests-per-second is " + requestsPerSecond
						+ "; it must be at least 1, such as 50");
			}
			if (burst < 1) {
				throw new IllegalArgumentException(
						"authtoken.rate-limit.burst is " + burst + "; it must be at least 1, such as 100");
			}
		}

	}

	/**
	 * Cross-origin request (CORS) settings.
	 *
	 * @param allowedOrigins origins, such as {@code https://app.example.com}, whose pages
	 * may call {@code POST /token} and {@code POST /token/refresh} and load
	 * {@code /authtoken-client.js}; empty rejects every cross-origin request
	 */
	public record Cors(@DefaultValue List<String> allowedOrigins) {

		public Cors {
			allowedOrigins = List.copyOf(allowedOrigins);
			allowedOrigins.forEach(Cors::checkOrigin);
		}

		/**
		 * Accepts only what a browser sends in the {@code Origin} header: an http or
		 * https scheme, a host and an optional port. A path, even a lone {@code /}, or a
		 * wildcard would never match that header, so it is a mistake to report at
		 * startup.
		 */
		private static void checkOrigin(String origin) {
			if (!isOrigin(origin)) {
				throw new IllegalArgumentException("authtoken.cors.allowed-origins contains '" + origin
						+ "'; each entry must be an origin, a scheme (http or https), a host and an optional port "
						+ "with no path or wildcard, such as https://app.example.com");
			}
		}

		private static boolean isOrigin(String origin) {
			try {
				URI uri = new URI(origin);
				boolean httpScheme = "http".equalsIgnoreCase(uri.getScheme())
						|| "https".equalsIgnoreCase(uri.getScheme());
				return httpScheme && uri.getHost() != null && uri.getRawUserInfo() == null && uri.getRawPath().isEmpty()
						&& uri.getRawQuery() == null && uri.getRawFragment() == null;
			}
			catch (URISyntaxException ex) {
				return false;
			}
		}

	}

	private static void requirePositive(String property, Duration value, String example) {
		if (value.toSeconds() < 1) {
			throw new IllegalArgumentException(
					property + " is " + value + "; it must be at least one second, such as " + example);
		}
	}

	private static void requireNotNegative(String property, Duration value, String example) {
		if (value.isNegative()) {
			throw new IllegalArgumentException(
					property + " is " + value + "; it must be zero or positive, such as " + example);
		}
	}

}
