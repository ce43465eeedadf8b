package io.authtoken.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import io.authtoken.config.AuthTokenProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Guards the admin API with {@code Authorization: Bearer <admin token>}. With no admin
 * token configured, every admin call is rejected with 403. The presented token is
 * compared by its SHA-256 digest in constant time, so neither its content nor its length
 * shows in the response time.
 */
class AdminAuthorizationInterceptor implements HandlerInterceptor {

	private static final String BEARER_PREFIX = "Bearer ";

	private final byte[] expectedDigest;

	AdminAuthorizationInterceptor(AuthTokenProperties.Admin admin) {
		this.expectedDigest = admin.enabled() ? sha256(admin.token()) : null;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (this.expectedDigest == null) {
			throw new ApiException(ErrorCode.ADMIN_API_DISABLED,
					"The admin API is disabled. Set AUTHTOKEN_ADMIN_TOKEN (authtoken.admin.token) to a random value "
							+ "of at least 16 characters and send it as 'Authorization: Bearer <token>'.");
		}
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		boolean bearer = header != null && header.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length());
		String presented = bearer ? header.substring(BEARER_PREFIX.length()).strip() : "";
		if (!MessageDigest.isEqual(sha256(presented), this.expectedDigest) || !bearer) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"authtoken-admin\"");
			throw new ApiException(ErrorCode.ADMIN_TOKEN_INVALID,
					"The admin API requires 'Authorization: Bearer <admin token>' with the configured admin token.");
		}
		return true;
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available in this JVM", ex);
		}
	}

}
