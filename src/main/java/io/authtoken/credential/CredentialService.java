package io.authtoken.credential;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.authtoken.web.ApiException;
import io.authtoken.web.ErrorCode;

import org.springframework.stereotype.Service;

/**
 * Creates, lists, enables, disables and deletes credentials for the admin API, and keeps
 * this instance's {@link CredentialCache} in step with each change.
 */
@Service
public class CredentialService {

	private static final Logger logger = LoggerFactory.getLogger(CredentialService.class);

	private final CredentialStore store;

	private final SecretCipher cipher;

	private final CredentialCache cache;

	private final Clock clock;

	CredentialService(CredentialStore store, SecretCipher cipher, CredentialCache cache, Clock clock) {
		this.store = store;
		this.cipher = cipher;
		this.cache = cache;
		this.clock = clock;
	}

	CreatedCredentialResponse create(CreateCredentialRequest request) {
		CredentialRules.validate(request);
		String key = (request.key() != null) ? request.key() : CredentialRules.generateKey();
		String secret = (request.secret() != null) ? request.secret() : CredentialRules.generateSecret();
		TokenFormat format = (request.tokenFormat() != null) ? request.tokenFormat() : TokenFormat.STANDARD;
		Instant now = now();
		// Tokens of an earlier credential with the same key, deleted since, must not be
		// refreshable under the new one, even when it was imported with the same secret.
		// Whole seconds, as in auth_time, so that tokens of this second stay refreshable.
		Instant earlierTokensRevoked = now.truncatedTo(ChronoUnit.SECONDS);
		Credential credential = new Credential(key, request.name().strip(), CredentialStatus.ACTIVE, format, now, now,
				earlierTokensRevoked);

		String encrypted = this.cipher.encrypt(key, secret.getBytes(StandardCharsets.UTF_8));
		try {
			this.store.insert(new StoredCredential(credential, encrypted));
		}
		catch (DuplicateCredentialException ex) {
			throw new ApiException(ErrorCode.CREDENTIAL_EXISTS, "A credential with this key already exists.");
		}
		this.cache.invalidate(key);
		logger.info("Created credential {} ({}, {} tokens)", key, (request.key() != null) ? "imported" : "generated",
				format);
		return new CreatedCredentialResponse(key, secret, credential.name(), credential.status(), format, now);
	}

	Credential get(String key) {
		return this.store.find(key).map(StoredCredential::credential).orElseThrow(CredentialService::notFound);
	}

	CredentialPageResponse list(int page, int size) {
		long total = this.store.count();
		List<CredentialResponse> items = this.store.list(Math.multiplyExact(page, size), size)
			.stream()
			.map(CredentialResponse::from)
			.toList();
		long pages = (total + size - 1) / size;
		return new CredentialPageResponse(items, page, size, total, pages);
	}

	Credential setStatus(String key, CredentialStatus status) {
		if (!this.store.updateStatus(key, status, now())) {
			throw notFound();
		}
		this.cache.invalidate(key);
		logger.info("Set credential {} to {}", key, status);
		return get(key);
	}

	/**
	 * Makes every chain of the credential's tokens that started before now unrefreshable.
	 * Token times are whole seconds, so a chain started in the same second just after the
	 * call is revoked too: the rule errs on the side of revoking.
	 */
	Credential revokeTokens(String key) {
		if (!this.store.revokeTokens(key, now())) {
			throw notFound();
		}
		logger.info("Revoked the refreshable tokens of credential {}", key);
		return get(key);
	}

	void delete(String key) {
		if (!this.store.delete(key)) {
			throw notFound();
		}
		this.cache.invalidate(key);
		logger.info("Deleted credential {}", key);
	}

	private Instant now() {
		// Microseconds, because PostgreSQL stores no finer timestamps: the createdAt in
		// the
		// create response must equal what later reads return.
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static ApiException notFound() {
		return new ApiException(ErrorCode.CREDENTIAL_NOT_FOUND, "No credential has this key.");
	}

}
