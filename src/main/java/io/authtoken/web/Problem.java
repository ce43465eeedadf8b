package io.authtoken.web;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of every error response, an RFC 9457 problem detail with two extension members:
 * {@code code}, stable and machine-readable, and {@code errors}, the fields at fault.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, String code,
		List<FieldViolation> errors) {

	static Problem of(ErrorCode errorCode, String detail, String instance, List<FieldViolation> errors) {
		return new Problem(errorCode.type(), errorCode.title(), errorCode.status().value(), detail, instance,
				errorCode.code(), errors);
	}

}
