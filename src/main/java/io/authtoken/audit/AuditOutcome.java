package io.authtoken.audit;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The outcome of an audited action.
 */
public enum AuditOutcome {

	/** The change was made. */
	SUCCESS,

	/** The change was not made, or only in part, such as an import entry in conflict. */
	FAILURE,

	/** The service refused a client, such as after a reused token or in a lockout. */
	DENIED;

	@JsonValue
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	static AuditOutcome fromCode(String code) {
		return valueOf(code.toUpperCase(Locale.ROOT));
	}

}
