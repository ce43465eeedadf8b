package io.authtoken.web;

import java.time.Duration;
import java.util.List;

/**
 * Root of the exceptions that become problem detail responses. Each carries its
 * {@link ErrorCode} and a detail that names the field or claim at fault without echoing
 * the value. Stack traces are not filled in: these are expected outcomes of bad input,
 * and rejecting must stay as cheap as accepting.
 */
public class ApiException extends RuntimeException {

	private final ErrorCode errorCode;

	private final transient List<FieldViolation> violations;

	private final Duration retryAfter;

	public ApiException(ErrorCode errorCode, String detail) {
		this(errorCode, detail, List.of());
	}

	public ApiException(ErrorCode errorCode, String detail, List<FieldViolation> violations) {
		this(errorCode, detail, violations, null);
	}

	private ApiException(ErrorCode errorCode, String detail, List<FieldViolation> violations, Duration retryAfter) {
		super(detail, null, false, false);
		this.errorCode = errorCode;
		this.violations = List.copyOf(violations);
		this.retryAfter = retryAfter;
	}

	/**
	 * Creates an error that tells the client when to try again, in a {@code Retry-After}
	 * header.
	 */
	public static ApiException retryAfter(ErrorCode errorCode, String detail, Duration retryAfter) {
		return new ApiException(errorCode, detail, List.of(), retryAfter);
	}

	public ErrorCode errorCode() {
		return this.errorCode;
	}

	/**
	 * Returns how long the client should wait before retrying, or {@code null}.
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

	/**
	 * Returns the fields at fault, empty unless the request body broke field rules.
	 */
	public List<FieldViolation> violations() {
		return this.violations;
	}

	/**
	 * Creates a 400 {@code invalid_request} error for one field.
	 */
	public static ApiException invalidField(String field, String message) {
		return new ApiException(ErrorCode.INVALID_REQUEST, "Field '" + field + "' " + message + ".",
				List.of(new FieldViolation(field, message)));
	}

}
