package io.authtoken.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.authtoken.credential.CredentialCache;
import io.authtoken.credential.CredentialRules;
import io.authtoken.credential.SigningCredential;
import io.authtoken.web.ApiException;
import io.authtoken.web.ErrorCode;
import io.authtoken.web.FieldViolation;

import org.springframework.stereotype.Component;

/**
 * Checks a key and secret. An unknown key and a wrong secret take the same path, a
 * constant-time comparison against a secret, and fail with the same error, so that
 * neither the answer nor its timing tells whether a key exists.
 */
@Component
class CredentialAuthenticator {

	/**
	 * Compared against when the key is unknown, so that the work matches a wrong secret.
	 */
	private static final byte[] UNKNOWN_KEY_SECRET = new byte[CredentialRules.MIN_SECRET_BYTES];

	private static final ApiException INVALID_CREDENTIALS = new ApiException(ErrorCode.INVALID_CREDENTIALS,
			"The key or the secret is wrong.");

	private static final String SECRET_TOO_LONG = "must be at most " + CredentialRules.MAX_SECRET_BYTES
			+ " bytes of UTF-8";

	private final CredentialCache credentials;

	private final SecretLockout lockout;

	CredentialAuthenticator(CredentialCache credentials, SecretLockout lockout) {
		this.credentials = credentials;
		this.lockout = lockout;
	}

	/**
	 * Returns the active credential that the key and secret name. A wrong secret counts
	 * towards the lockout of the key for the client address.
	 * @param clientAddress the client's address, as the lockout counts it
	 * @throws ApiException {@code invalid_request} for a missing field,
	 * {@code too_many_attempts} when the key is locked out for this address,
	 * {@code invalid_credentials} for an unknown key or a wrong secret, and
	 * {@code credential_disabled} for a disabled credential with the right secret
	 */
	SigningCredential authenticate(TokenRequest request, String clientAddress) {
		byte[] presented = validate(request);
		this.lockout.checkNotLocked(request.key(), clientAddress);

		Optional<SigningCredential> found = this.credentials.find(request.key());
		byte[] expected = found.map(SigningCredential::secret).orElse(UNKNOWN_KEY_SECRET);
		boolean matches = MessageDigest.isEqual(presented, expected);
		if (!matches || found.isEmpty()) {
			this.lockout.recordFailure(request.key(), clientAddress);
			throw INVALID_CREDENTIALS;
		}
		SigningCredential credential = found.get();
		if (!credential.active()) {
			throw new ApiException(ErrorCode.CREDENTIAL_DISABLED, "The credential is disabled.");
		}
		return credential;
	}

	/**
	 * Checks the request fields.
	 * @return the secret's UTF-8 bytes
	 */
	private static byte[] validate(TokenRequest request) {
		List<FieldViolation> violations = new ArrayList<>(2);
		byte[] secret = null;
		if (request.key() == null || request.key().isBlank()) {
			violations.add(new FieldViolation("key", "must not be blank"));
		}
		else if (!CredentialRules.isValidKey(request.key())) {
			violations.add(new FieldViolation("key", "must be 1 to " + CredentialRules.MAX_KEY_LENGTH
					+ " printable ASCII characters without whitespace"));
		}
		if (request.secret() == null || request.secret().isEmpty()) {
			violations.add(new FieldViolation("secret", "must not be empty"));
		}
		else if (request.secret().length() > CredentialRules.MAX_SECRET_BYTES) {
			violations.add(new FieldViolation("secret", SECRET_TOO_LONG));
		}
		else {
			secret = request.secret().getBytes(StandardCharsets.UTF_8);
			if (secret.length > CredentialRules.MAX_SECRET_BYTES) {
				violations.add(new FieldViolation("secret", SECRET_TOO_LONG));
			}
			else if (!CredentialRules.isValidUnicode(request.secret(), secret)) {
				violations.add(new FieldViolation("secret", "must be valid Unicode text without unpaired surrogates"));
			}
		}
		if (!violations.isEmpty()) {
			String fields = String.join(", ", violations.stream().map(FieldViolation::field).toList());
			throw new ApiException(ErrorCode.INVALID_REQUEST, "Invalid field(s): " + fields + ".", violations);
		}
		return secret;
	}

}
