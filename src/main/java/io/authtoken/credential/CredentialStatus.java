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
		CredentialStatus status = find(value);
		if (status == null) {
			throw new IllegalArgumentException("Unknown credential status in the database: " + value);
		}
		return status;
	}

	/**
	 * Finds a status by its value.
	 * @return the status, or {@code null} if no status has this value
	 */
	static CredentialStatus find(String value) {
		for (CredentialStatus status : values()) {
			if (status.value.equals(value)) {
				return status;
			}
		}
		return null;
	}

	@Override
	public String toString() {
		return this.value;
	}

}
