package io.authtoken.web;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of every error response, an RFC 9457 problem detail with three extension members:
 * {@code code}, stable and machine-readable, {@code requestId}, the id that the request's
 * log lines carry, and {@code errors}, the fields at fault.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, String code, String requestId,
		List<FieldViolation> errors) {

	static Problem of(ErrorCode errorCode, String detail, String instance, String requestId,
			List<FieldViolation> errors) {
		return new Problem(errorCode.type(), errorCode.title(), errorCode.status().value(), detail, instance,
				errorCode.code(), requestId, errors);
	}

}
