package io.authtoken.credential;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.authtoken.web.ApiException;
import io.authtoken.web.ErrorCode;
import io.authtoken.web.FieldViolation;

/**
 * Validation rules for credential keys, secrets and names, and the generation of new keys
 * and secrets.
 */
public final class CredentialRules {

	/** Maximum key length, in characters. */
	public static final int MAX_KEY_LENGTH = 128;

	/** Minimum secret length, in UTF-8 bytes: 256 bits, the size of an HS256 key. */
	public static final int MIN_SECRET_BYTES = 32;

	/** Maximum secret length, in UTF-8 bytes. */
	public static final int MAX_SECRET_BYTES = 512;

	/** Maximum name length, in characters. */
	public static final int MAX_NAME_LENGTH = 200;

	static final String INVALID_KEY = "must be 1 to " + MAX_KEY_LENGTH
			+ " printable ASCII characters without whitespace";

	private static final Instant LATEST_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

	private static final int GENERATED_KEY_LENGTH = 32;

	private static final char[] ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
		.toCharArray();

	private static final SecureRandom random = new SecureRandom();

	private CredentialRules() {
	}

	/**
	 * Returns whether a key is 1 to 128 printable ASCII characters without whitespace,
	 * the range {@code !} (0x21) to {@code ~} (0x7E).
	 */
	public static boolean isValidKey(String key) {
		if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
			return false;
		}
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (c < 0x21 || c > 0x7E) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Returns whether a string survives encoding to UTF-8 unchanged. An unpaired
	 * surrogate does not: Java encodes it as {@code ?}, so two different strings would
	 * give the same bytes.
	 * @param utf8 the string's UTF-8 bytes, already computed by the caller
	 */
	public static boolean isValidUnicode(String text, byte[] utf8) {
		return new String(utf8, StandardCharsets.UTF_8).equals(text);
	}

	static String generateKey() {
		char[] key = new char[GENERATED_KEY_LENGTH];
		for (int i = 0; i < key.length; i++) {
			key[i] = ALPHANUMERIC[random.nextInt(ALPHANUMERIC.length)];
		}
		return new String(key);
	}

	/**
	 * Generates a secret of 256 random bits, base64url-encoded without padding.
	 */
	static String generateSecret() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * Checks a request to create a credential, reporting every field at fault at once.
	 * @param maxTtl the longest token lifetime allowed
	 * @return the parsed expiry and token lifetime
	 * @throws ApiException with code {@code invalid_request} naming each invalid field
	 */
	static Lifetime validate(CreateCredentialRequest request, Duration maxTtl) {
		List<FieldViolation> violations = new ArrayList<>();
		checkName(request.name(), violations);
		if (request.key() != null && !isValidKey(request.key())) {
			violations.add(new FieldViolation("key", INVALID_KEY));
		}
		if (request.secret() != null) {
			checkSecret(request.secret(), violations);
		}
		if (request.secret() != null && request.key() == null) {
			violations.add(new FieldViolation("key", "is required when a secret is given"));
		}
		Lifetime lifetime = new Lifetime(parseExpiresAt(request.expiresAt(), violations),
				parseTokenTtl(request.tokenTtl(), maxTtl, violations));
		throwIfAny(violations);
		return lifetime;
	}

	/**
	 * Parses an {@code expiresAt} field, an ISO-8601 instant from 1970 to 9999.
	 * @return the instant truncated to microseconds, or {@code null} for {@code null}
	 */
	static Instant parseExpiresAt(String value, List<FieldViolation> violations) {
		if (value == null) {
			return null;
		}
		try {
			Instant instant = Instant.parse(value);
			if (!instant.isBefore(Instant.EPOCH) && !instant.isAfter(LATEST_EXPIRY)) {
				return instant.truncatedTo(ChronoUnit.MICROS);
			}
		}
		catch (DateTimeParseException ex) {
			// Reported below, without the value.
		}
		violations.add(new FieldViolation("expiresAt",
				"must be an ISO-8601 instant from 1970 to 9999, such as 2027-01-31T00:00:00Z"));
		return null;
	}

	/**
	 * Parses a {@code tokenTtl} field, an ISO-8601 duration of whole seconds from one
	 * second to {@code maxTtl}.
	 * @return the duration, or {@code null} for {@code null}
	 */
	static Duration parseTokenTtl(String value, Duration maxTtl, List<FieldViolation> violations) {
		if (value == null) {
			return null;
		}
		Duration duration;
		try {
			duration = Duration.parse(value);
		}
		catch (DateTimeParseException ex) {
			violations.add(new FieldViolation("tokenTtl", "must be an ISO-8601 duration such as PT15M"));
			return null;
		}
		if (duration.toSeconds() < 1 || duration.getNano() != 0 || duration.compareTo(maxTtl) > 0) {
			violations.add(new FieldViolation("tokenTtl",
					"must be whole seconds from PT1S to " + maxTtl + " (authtoken.token.max-ttl)"));
			return null;
		}
		return duration;
	}

	static void throwIfAny(List<FieldViolation> violations) {
		if (!violations.isEmpty()) {
			String fields = String.join(", ", violations.stream().map(FieldViolation::field).distinct().toList());
			throw new ApiException(ErrorCode.INVALID_REQUEST, "Invalid field(s): " + fields + ".", violations);
		}
	}

	static void checkName(String name, List<FieldViolation> violations) {
		if (name == null || name.isBlank()) {
			violations.add(new FieldViolation("name", "must not be blank"));
		}
		else if (name.length() > MAX_NAME_LENGTH) {
			violations.add(new FieldViolation("name", "must be at most " + MAX_NAME_LENGTH + " characters"));
		}
		else if (name.chars().anyMatch(Character::isISOControl)) {
			violations.add(new FieldViolation("name", "must not contain control characters"));
		}
		else if (!isValidUnicode(name, name.getBytes(StandardCharsets.UTF_8))) {
			violations.add(new FieldViolation("name", "must be valid Unicode text without unpaired surrogates"));
		}
	}

	static void checkSecret(String secret, List<FieldViolation> violations) {
		byte[] utf8 = secret.getBytes(StandardCharsets.UTF_8);
		int bytes = utf8.length;
		if (!isValidUnicode(secret, utf8)) {
			violations.add(new FieldViolation("secret", "must be valid Unicode text without unpaired surrogates"));
		}
		else if (secret.isBlank()) {
			violations.add(new FieldViolation("secret", "must not be blank"));
		}
		else if (bytes < MIN_SECRET_BYTES) {
			violations.add(new FieldViolation("secret", "must be at least " + MIN_SECRET_BYTES + " bytes of UTF-8"));
		}
		else if (bytes > MAX_SECRET_BYTES) {
			violations.add(new FieldViolation("secret", "must be at most " + MAX_SECRET_BYTES + " bytes of UTF-8"));
		}
		else if (secret.chars().anyMatch(Character::isISOControl)) {
			violations.add(new FieldViolation("secret", "must not contain control characters"));
		}
	}

	/**
	 * A credential's optional expiry and token lifetime, after validation.
	 *
	 * @param expiresAt when it stops issuing and refreshing, or {@code null}
	 * @param tokenTtl lifetime of its standard tokens, or {@code null} for the default
	 */
	record Lifetime(Instant expiresAt, Duration tokenTtl) {

	}

}
