package io.authtoken.token;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Lock;

import io.authtoken.credential.CredentialCache;
import io.authtoken.credential.CredentialRules;
import io.authtoken.credential.CredentialStatus;
import io.authtoken.credential.SigningCredential;
import io.authtoken.credential.TokenFormat;
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
	private static final SigningCredential UNKNOWN_KEY = new SigningCredential("",
			new byte[CredentialRules.MIN_SECRET_BYTES], CredentialStatus.DISABLED, TokenFormat.STANDARD);

	private static final ApiException INVALID_CREDENTIALS = new ApiException(ErrorCode.INVALID_CREDENTIALS,
			"The key or the secret is wrong.");

	private static final String SECRET_TOO_LONG = "must be at most " + CredentialRules.MAX_SECRET_BYTES
			+ " bytes of UTF-8";

	private final CredentialCache credentials;

	private final SecretLockout lockout;

	private final Clock clock;

	CredentialAuthenticator(CredentialCache credentials, SecretLockout lockout, Clock clock) {
		this.credentials = credentials;
		this.lockout = lockout;
		this.clock = clock;
	}

	/**
	 * Returns the active credential that the key and secret name. A wrong secret counts
	 * towards the lockout of the key for the client address.
	 * @param clientAddress the client's address, as the lockout counts it
	 * @throws ApiException {@code invalid_request} for a missing field,
	 * {@code too_many_attempts} when the key is locked out for this address,
	 * {@code invalid_credentials} for an unknown key or a wrong secret,
	 * {@code credential_disabled} for a disabled credential with the right secret, and
	 * {@code credential_expired} for one past its expiry
	 */
	SigningCredential authenticate(TokenRequest request, String clientAddress) {
		byte[] presented = validate(request);

		Instant now = this.clock.instant();
		Optional<SigningCredential> found;
		// One check at a time per key and address on this instance, so that wrong secrets
		// sent at once cannot all be compared before the count reaches the lockout limit.
		Lock guard = this.lockout.guard(request.key(), clientAddress);
		guard.lock();
		try {
			this.lockout.checkNotLocked(request.key(), clientAddress);
			found = this.credentials.find(request.key());
			// During a rotation overlap the previous secret matches too; the token is
			// signed with the new one either way.
			boolean matches = found.orElse(UNKNOWN_KEY).secretMatches(presented, now);
			if (!matches || found.isEmpty()) {
				this.lockout.recordFailure(request.key(), clientAddress, found.isPresent());
				throw INVALID_CREDENTIALS;
			}
		}
		finally {
			guard.unlock();
		}
		SigningCredential credential = found.get();
		if (!credential.active()) {
			throw new ApiException(ErrorCode.CREDENTIAL_DISABLED, "The credential is disabled.");
		}
		if (credential.expired(now)) {
			throw new ApiException(ErrorCode.CREDENTIAL_EXPIRED, "The credential has expired.");
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
