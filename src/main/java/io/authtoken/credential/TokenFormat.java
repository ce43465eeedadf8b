package io.authtoken.credential;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Shape of the tokens issued for a credential.
 */
public enum TokenFormat {

	/**
	 * HS256 with {@code iss}, {@code iat}, {@code exp} and {@code jti}; expires and
	 * refreshes.
	 */
	STANDARD("standard"),

	/**
	 * The never-expiring token of the client-side JavaScript library this service
	 * replaces, reproduced byte for byte; it cannot be refreshed.
	 */
	LEGACY("legacy");

	private final String value;

	TokenFormat(String value) {
		this.value = value;
	}

	@JsonValue
	public String value() {
		return this.value;
	}

	static TokenFormat fromValue(String value) {
		for (TokenFormat format : values()) {
			if (format.value.equals(value)) {
				return format;
			}
		}
		throw new IllegalArgumentException("Unknown token format in the database: " + value);
	}

	@Override
	public String toString() {
		return this.value;
	}

}
