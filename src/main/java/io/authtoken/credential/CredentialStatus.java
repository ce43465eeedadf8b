package io.authtoken.credential;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Whether a credential may issue and refresh tokens.
 */
public enum CredentialStatus {

	ACTIVE("active"), DISABLED("disabled");

	private final String value;

	CredentialStatus(String value) {
		this.value = value;
	}

	@JsonValue
	public String value() {
		return this.value;
	}

	static CredentialStatus fromValue(String value) {
		for (CredentialStatus status : values()) {
			if (status.value.equals(value)) {
				return status;
			}
		}
		throw new IllegalArgumentException("Unknown credential status in the database: " + value);
	}

	@Override
	public String toString() {
		return this.value;
	}

}
