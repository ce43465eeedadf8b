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
 * @param credentials credential cache settings
 * @param cors cross-origin request settings
 */
@ConfigurationProperties("authtoken")
public record AuthTokenProperties(@DefaultValue("./data") Path dataDir, String masterKey, @DefaultValue Admin admin,
		@DefaultValue Token token, @DefaultValue Refresh refresh, @DefaultValue Credentials credentials,
		@DefaultValue Cors cors) {

	/**
	 * Admin API settings.
	 *
	 * @param token bearer token that the admin API requires; blank disables the admin API
	 */
	public record Admin(String token) {

		/** Shortest admin token accepted, so that it cannot be guessed. */
		public static final int MIN_TOKEN_LENGTH = 16;

		public Admin {
			if (token != null && !token.isBlank() && token.strip().length() < MIN_TOKEN_LENGTH) {
				throw new IllegalArgumentException("authtoken.admin.token (AUTHTOKEN_ADMIN_TOKEN) is shorter than "
						+ MIN_TOKEN_LENGTH + " characters; generate one with 'openssl rand -base64 32'");
			}
		}

		public boolean enabled() {
			return this.token != null && !this.token.isBlank();
		}

	}

	/**
	 * Issued token settings.
	 *
	 * @param ttl lifetime of a standard token, from {@code iat} to {@code exp}
	 */
	public record Token(@DefaultValue("PT1H") Duration ttl) {

		public Token {
			if (ttl.toSeconds() < 1) {
				throw new IllegalArgumentException(
						"authtoken.token.ttl is " + ttl + "; it must be at least one second, such as PT1H");
			}
		}

	}

	/**
	 * Refresh settings.
	 *
	 * @param window how long after its {@code exp} a token can still be refreshed
	 */
	public record Refresh(@DefaultValue("P1D") Duration window) {

		public Refresh {
			if (window.isNegative()) {
				throw new IllegalArgumentException(
						"authtoken.refresh.window is " + window + "; it must be zero or positive, such as P1D");
			}
		}

	}

	/**
	 * Credential cache settings.
	 *
	 * @param cacheTtl how long an instance may serve a credential from memory before it
	 * reads the database again; changes made through another instance take up to this
	 * long to show here
	 * @param cacheSize maximum number of credentials, known or unknown keys, held in
	 * memory
	 */
	public record Credentials(@DefaultValue("PT10S") Duration cacheTtl, @DefaultValue("100000") int cacheSize) {

		public Credentials {
			if (cacheTtl.isNegative()) {
				throw new IllegalArgumentException("authtoken.credentials.cache-ttl is " + cacheTtl
						+ "; it must be zero (no caching) or positive, such as PT10S");
			}
			if (cacheSize < 1) {
				throw new IllegalArgumentException(
						"authtoken.credentials.cache-size is " + cacheSize + "; it must be at least 1");
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

}
