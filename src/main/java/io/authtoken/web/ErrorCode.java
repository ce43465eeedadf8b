package io.authtoken.web;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * Kinds of error the service returns, each with its HTTP status, problem {@code type} and
 * the {@code code} member that clients match on. The codes are part of the API: never
 * rename one.
 */
public enum ErrorCode {

	INVALID_REQUEST(HttpStatus.BAD_REQUEST, "Invalid request"),

	TOKEN_NOT_REFRESHABLE(HttpStatus.BAD_REQUEST, "Token not refreshable"),

	INVALID_CREDENTIALS(HttpStatus.UNAUTHORIZED, "Invalid credentials"),

	INVALID_TOKEN(HttpStatus.UNAUTHORIZED, "Invalid token"),

	REFRESH_WINDOW_EXPIRED(HttpStatus.UNAUTHORIZED, "Refresh window expired"),

	TOKEN_REUSED(HttpStatus.UNAUTHORIZED, "Token reused"),

	TOKEN_REVOKED(HttpStatus.UNAUTHORIZED, "Token revoked"),

	ADMIN_TOKEN_INVALID(HttpStatus.UNAUTHORIZED, "Invalid admin token"),

	CREDENTIAL_DISABLED(HttpStatus.FORBIDDEN, "Credential disabled"),

	CREDENTIAL_EXPIRED(HttpStatus.FORBIDDEN, "Credential expired"),

	ADMIN_API_DISABLED(HttpStatus.FORBIDDEN, "Admin API disabled"),

	CORS_REQUEST_REJECTED(HttpStatus.FORBIDDEN, "Cross-origin request rejected"),

	CREDENTIAL_NOT_FOUND(HttpStatus.NOT_FOUND, "Credential not found"),

	NOT_FOUND(HttpStatus.NOT_FOUND, "Not found"),

	METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),

	NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),

	CREDENTIAL_EXISTS(HttpStatus.CONFLICT, "Credential exists"),

	PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Payload too large"),

	UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),

	TOO_MANY_ATTEMPTS(HttpStatus.TOO_MANY_REQUESTS, "Too many attempts"),

	RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Rate limited"),

	INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),

	SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable");

	private static final String TYPE_PREFIX = "urn:authtoken:problem:";

	private final HttpStatus status;

	private final String title;

	ErrorCode(HttpStatus status, String title) {
		this.status = status;
		this.title = title;
	}

	public HttpStatus status() {
		return this.status;
	}

	public String title() {
		return this.title;
	}

	/**
	 * Returns the value of the problem's {@code code} member, such as
	 * {@code token_reused}.
	 */
	public String code() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

	/**
	 * Returns the problem {@code type}, a URN that stays the same across versions.
	 */
	public URI type() {
		return URI.create(TYPE_PREFIX + code().replace('_', '-'));
	}

	/**
	 * Returns the error code for an HTTP status that the service did not raise itself,
	 * such as a 404 from the servlet container.
	 */
	public static ErrorCode forStatus(int status) {
		return switch (status) {
			case 400 -> INVALID_REQUEST;
			case 401 -> ADMIN_TOKEN_INVALID;
			case 404 -> NOT_FOUND;
			case 405 -> METHOD_NOT_ALLOWED;
			case 406 -> NOT_ACCEPTABLE;
			case 413 -> PAYLOAD_TOO_LARGE;
			case 415 -> UNSUPPORTED_MEDIA_TYPE;
			case 503 -> SERVICE_UNAVAILABLE;
			default -> (status >= 400 && status < 500) ? INVALID_REQUEST : INTERNAL_ERROR;
		};
	}

}
