package io.authtoken.web;

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

	public ApiException(ErrorCode errorCode, String detail) {
		this(errorCode, detail, List.of());
	}

	public ApiException(ErrorCode errorCode, String detail, List<FieldViolation> violations) {
		super(detail, null, false, false);
		this.errorCode = errorCode;
		this.violations = List.copyOf(violations);
	}

	public ErrorCode errorCode() {
		return this.errorCode;
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
