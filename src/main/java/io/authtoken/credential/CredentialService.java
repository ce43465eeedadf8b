package io.authtoken.credential;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.authtoken.audit.AuditEventType;
import io.authtoken.audit.AuditLog;
import io.authtoken.audit.AuditOutcome;
import io.authtoken.config.AuthTokenProperties;
import io.authtoken.credential.CredentialRules.Lifetime;
import io.authtoken.web.ApiException;
import io.authtoken.web.ErrorCode;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates, lists, changes, rotates and deletes credentials for the admin API. Each change
 * and its audit event are written in one transaction, and this instance's
 * {@link CredentialCache} entry is dropped after the commit.
 */
@Service
public class CredentialService {

	private static final Logger logger = LoggerFactory.getLogger(CredentialService.class);

	private final CredentialStore store;

	private final SecretCipher cipher;

	private final CredentialCache cache;

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Duration maxTtl;

	private final Duration rotationOverlap;

	CredentialService(CredentialStore store, SecretCipher cipher, CredentialCache cache, AuditLog audit,
			TransactionTemplate transactions, Clock clock, AuthTokenProperties properties) {
		this.store = store;
		this.cipher = cipher;
		this.cache = cache;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
		this.maxTtl = properties.token().maxTtl();
		this.rotationOverlap = properties.credentials().rotationOverlap();
	}

	CreatedCredentialResponse create(CreateCredentialRequest request) {
		Lifetime lifetime = CredentialRules.validate(request, this.maxTtl);
		String key = (request.key() != null) ? request.key() : CredentialRules.generateKey();
		String secret = (request.secret() != null) ? request.secret() : CredentialRules.generateSecret();
		TokenFormat format = (request.tokenFormat() != null) ? request.tokenFormat() : TokenFormat.STANDARD;
		Instant now = now();
		// Tokens of an earlier credential with the same key, deleted since, must not be
		// refreshable under the new one, even when it was imported with the same secret.
		// Whole seconds, as in auth_time, so that tokens of this second stay refreshable.
		Instant earlierTokensRevoked = now.truncatedTo(ChronoUnit.SECONDS);
		Credential credential = new Credential(key, request.name().strip(), CredentialStatus.ACTIVE, format, now, now,
				earlierTokensRevoked, lifetime.expiresAt(), lifetime.tokenTtl(), null);
		String origin = (request.key() != null) ? "given key and secret" : "generated key and secret";

		String encrypted = this.cipher.encrypt(key, secret.getBytes(StandardCharsets.UTF_8));
		inTransaction(key, () -> {
			try {
				this.store.insert(new StoredCredential(credential, encrypted));
			}
			catch (DuplicateCredentialException ex) {
				throw new ApiException(ErrorCode.CREDENTIAL_EXISTS, "A credential with this key already exists.");
			}
			recordAdminChange(AuditEventType.CREDENTIAL_CREATED, key, origin + ", " + format + " tokens");
			return null;
		});
		logger.info("Created credential {} ({}, {} tokens)", key, origin, format);
		return new CreatedCredentialResponse(key, secret, credential.name(), credential.status(), format, now,
				credential.expiresAt(), CredentialResponse.format(credential.tokenTtl()));
	}

	Credential get(String key) {
		return this.store.find(key).map(StoredCredential::credential).orElseThrow(CredentialService::notFound);
	}

	CredentialPageResponse list(CredentialFilter filter, int page, int size) {
		Instant now = this.clock.instant();
		long total = this.store.count(filter);
		List<CredentialResponse> items = this.store.list(filter, Math.multiplyExact(page, size), size)
			.stream()
			.map((credential) -> CredentialResponse.from(credential, now))
			.toList();
		long pages = (total + size - 1) / size;
		return new CredentialPageResponse(items, page, size, total, pages);
	}

	Credential setStatus(String key, CredentialStatus status) {
		AuditEventType type = (status == CredentialStatus.ACTIVE) ? AuditEventType.CREDENTIAL_ENABLED
				: AuditEventType.CREDENTIAL_DISABLED;
		Credential credential = inTransaction(key, () -> {
			requireFound(this.store.updateStatus(key, status, now()));
			recordAdminChange(type, key, null);
			return get(key);
		});
		logger.info("Set credential {} to {}", key, status);
		return credential;
	}

	/**
	 * Changes the attributes that a {@code PATCH} names; an empty change only checks that
	 * the credential exists.
	 */
	Credential update(String key, CredentialChanges changes) {
		if (changes.isEmpty()) {
			return get(key);
		}
		String fields = String.join(", ", changes.fieldNames());
		Credential credential = inTransaction(key, () -> {
			requireFound(this.store.update(key, changes, now()));
			recordAdminChange(AuditEventType.CREDENTIAL_UPDATED, key, "changed " + fields);
			return get(key);
		});
		logger.info("Changed {} of credential {}", fields, key);
		return credential;
	}

	/**
	 * Replaces the secret with a generated one. The replaced secret stays valid for the
	 * rotation overlap; a previous secret from an earlier rotation is dropped at once.
	 */
	RotatedSecretResponse rotate(String key) {
		Instant now = now();
		Instant previousValidUntil = this.rotationOverlap.isZero() ? null : now.plus(this.rotationOverlap);
		String secret = CredentialRules.generateSecret();
		String encrypted = this.cipher.encrypt(key, secret.getBytes(StandardCharsets.UTF_8));
		String detail = (previousValidUntil != null) ? "previous secret accepted until " + previousValidUntil
				: "previous secret rejected at once";

		inTransaction(key, () -> {
			Credential before = get(key);
			requireFound(this.store.rotateSecret(key, encrypted, previousValidUntil, now));
			boolean endedOverlap = before.previousSecretValidUntil(now) != null;
			recordAdminChange(AuditEventType.SECRET_ROTATED, key,
					endedOverlap ? detail + "; the overlap of the rotation before ended now" : detail);
			return null;
		});
		logger.info("Rotated the secret of credential {}; {}", key, detail);
		return new RotatedSecretResponse(key, secret, previousValidUntil, now);
	}

	/**
	 * Makes every chain of the credential's tokens that started before now unrefreshable.
	 * Token times are whole seconds, so a chain started in the same second just after the
	 * call is revoked too: the rule errs on the side of revoking.
	 */
	Credential revokeTokens(String key) {
		Credential credential = inTransaction(key, () -> {
			requireFound(this.store.revokeTokens(key, now()));
			recordAdminChange(AuditEventType.TOKENS_REVOKED, key, null);
			return get(key);
		});
		logger.info("Revoked the refreshable tokens of credential {}", key);
		return credential;
	}

	void delete(String key) {
		inTransaction(key, () -> {
			requireFound(this.store.delete(key));
			recordAdminChange(AuditEventType.CREDENTIAL_DELETED, key, null);
			return null;
		});
		logger.info("Deleted credential {}", key);
	}

	/**
	 * Runs a change and its audit event in one transaction, then drops the key from this
	 * instance's cache, so that no request can cache the state from before the commit.
	 */
	private <T> T inTransaction(String key, Supplier<T> change) {
		try {
			return this.transactions.execute((status) -> change.get());
		}
		finally {
			this.cache.invalidate(key);
		}
	}

	private void recordAdminChange(AuditEventType type, String key, String detail) {
		this.audit.record(type, this.audit.adminActor(), key, AuditOutcome.SUCCESS, detail);
	}

	private Instant now() {
		// Microseconds, because PostgreSQL stores no finer timestamps: the createdAt in
		// the create response must equal what later reads return.
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static void requireFound(boolean found) {
		if (!found) {
			throw notFound();
		}
	}

	static ApiException notFound() {
		return new ApiException(ErrorCode.CREDENTIAL_NOT_FOUND, "No credential has this key.");
	}

}
