package io.authtoken.credential;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The attributes that a {@code PATCH} changes. A {@code null} name or token format leaves
 * it as it is; expiry and token lifetime have a flag each, because setting them to
 * {@code null} removes them.
 */
record CredentialChanges(String name, TokenFormat tokenFormat, boolean expiresAtChanged, Instant expiresAt,
		boolean tokenTtlChanged, Duration tokenTtl) {

	boolean isEmpty() {
		return this.name == null && this.tokenFormat == null && !this.expiresAtChanged && !this.tokenTtlChanged;
	}

	/**
	 * Returns the names of the changed fields, as the API spells them.
	 */
	List<String> fieldNames() {
		List<String> fields = new ArrayList<>(4);
		if (this.name != null) {
			fields.add("name");
		}
		if (this.tokenFormat != null) {
			fields.add("tokenFormat");
		}
		if (this.expiresAtChanged) {
			fields.add("expiresAt");
		}
		if (this.tokenTtlChanged) {
			fields.add("tokenTtl");
		}
		return fields;
	}

}
