package io.authtoken.audit;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Kinds of audit event. The codes are part of the API: never rename one.
 */
public enum AuditEventType {

	CREDENTIAL_CREATED, CREDENTIAL_IMPORTED, CREDENTIAL_UPDATED, SECRET_ROTATED, CREDENTIAL_DISABLED,
	CREDENTIAL_ENABLED, CREDENTIAL_DELETED, TOKENS_REVOKED, MASTER_KEY_REENCRYPTED, TOKEN_REUSE_DETECTED, LOCKOUT;

	/**
	 * Returns the code stored and shown for this type, such as {@code secret_rotated}.
	 */
	@JsonValue
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Finds a type by its code.
	 * @return the type, or {@code null} if no type has this code
	 */
	static AuditEventType fromCode(String code) {
		for (AuditEventType type : values()) {
			if (type.code().equals(code)) {
				return type;
			}
		}
		return null;
	}

	static String allCodes() {
		return Arrays.stream(values()).map(AuditEventType::code).collect(Collectors.joining(", "));
	}

}
