package io.authtoken.credential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.authtoken.audit.AuditEventType;
import io.authtoken.audit.AuditLog;
import io.authtoken.audit.AuditOutcome;
import io.authtoken.credential.ImportResult.EntryResult;
import io.authtoken.credential.ImportResult.Outcome;
import io.authtoken.web.FieldViolation;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports credentials that a gateway already has, idempotently: a new key is created, an
 * existing key with the same secret is left alone, and an existing key with another
 * secret is a conflict, replaced only when overwriting is requested. Entries that are
 * malformed, invalid or not HS256 are skipped with a warning that names the key.
 */
@Service
class CredentialImporter {

	private static final Logger logger = LoggerFactory.getLogger(CredentialImporter.class);

	private static final String HS256 = "HS256";

	private final CredentialStore store;

	private final SecretCipher cipher;

	private final CredentialCache cache;

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	private final Clock clock;

	CredentialImporter(CredentialStore store, SecretCipher cipher, CredentialCache cache, AuditLog audit,
			TransactionTemplate transactions, Clock clock) {
		this.store = store;
		this.cipher = cipher;
		this.cache = cache;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Imports every entry of a document, each on its own, so that one bad entry does not
	 * stop the others.
	 * @param overwrite whether to replace the secret of an existing key whose secret
	 * differs
	 * @param actor who imports, for the audit trail
	 */
	ImportResult importAll(ImportDocument document, boolean overwrite, String actor) {
		List<EntryResult> results = new ArrayList<>(document.entries().size());
		for (ImportEntry entry : document.entries()) {
			EntryResult result = importEntry(entry, overwrite, actor);
			log(result);
			results.add(result);
		}
		ImportResult result = ImportResult.of(List.copyOf(results), document.next());
		logger.info(
				"Imported {} credential entries: {} created, {} unchanged, {} overwritten, {} conflicting, "
						+ "{} skipped",
				results.size(), result.created(), result.unchanged(), result.overwritten(), result.conflicting(),
				result.skipped());
		if (document.next() != null) {
			logger.warn("The imported Kong list has a next page; import that page too");
		}
		return result;
	}

	private EntryResult importEntry(ImportEntry entry, boolean overwrite, String actor) {
		String key = CredentialRules.isValidKey(entry.key()) ? entry.key() : null;
		String problem = check(entry, key);
		if (problem != null) {
			return new EntryResult(entry.index(), key, Outcome.SKIPPED, problem);
		}
		byte[] secret = entry.secret().getBytes(StandardCharsets.UTF_8);
		Optional<StoredCredential> existing = this.store.find(key);
		if (existing.isEmpty()) {
			Optional<EntryResult> created = create(entry, key, secret, actor);
			if (created.isPresent()) {
				return created.get();
			}
			// Another import or admin call created the key meanwhile: compare with that.
			existing = this.store.find(key);
			if (existing.isEmpty()) {
				return new EntryResult(entry.index(), key, Outcome.SKIPPED, "the key was deleted during the import");
			}
		}
		return compare(entry, existing.get(), secret, overwrite, actor);
	}

	/**
	 * Returns why an entry cannot be imported, without quoting its secret, or
	 * {@code null} if it can.
	 */
	private static String check(ImportEntry entry, String key) {
		if (entry.malformed() != null) {
			return entry.malformed();
		}
		if (key == null) {
			return (entry.key() == null) ? "key is missing" : "key " + CredentialRules.INVALID_KEY;
		}
		if (entry.algorithm() != null && !HS256.equals(entry.algorithm())) {
			return "algorithm is not HS256";
		}
		if (entry.secret() == null) {
			return "secret is missing";
		}
		List<FieldViolation> violations = new ArrayList<>();
		CredentialRules.checkSecret(entry.secret(), violations);
		if (entry.name() != null) {
			CredentialRules.checkName(entry.name(), violations);
		}
		if (entry.tokenFormat() != null && tokenFormat(entry) == null) {
			violations.add(new FieldViolation("tokenFormat", "must be standard or legacy"));
		}
		return violations.isEmpty() ? null : violations.get(0).field() + " " + violations.get(0).message();
	}

	/**
	 * Inserts a new credential.
	 * @return the result, or empty if the key exists after all
	 */
	private Optional<EntryResult> create(ImportEntry entry, String key, byte[] secret, String actor) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		String name = (entry.name() != null) ? entry.name().strip() : key;
		TokenFormat format = (entry.tokenFormat() != null) ? tokenFormat(entry) : TokenFormat.STANDARD;
		// As on create: tokens of a deleted credential with the same key stay
		// unrefreshable.
		Credential credential = new Credential(key, name, CredentialStatus.ACTIVE, format, now, now,
				now.truncatedTo(ChronoUnit.SECONDS), null, null, null);
		String encrypted = this.cipher.encrypt(key, secret);
		try {
			this.transactions.executeWithoutResult((status) -> {
				this.store.insert(new StoredCredential(credential, encrypted));
				this.audit.record(AuditEventType.CREDENTIAL_IMPORTED, actor, key, AuditOutcome.SUCCESS,
						"created, " + format + " tokens");
			});
		}
		catch (DuplicateCredentialException ex) {
			return Optional.empty();
		}
		finally {
			this.cache.invalidate(key);
		}
		return Optional.of(new EntryResult(entry.index(), key, Outcome.CREATED, null));
	}

	private EntryResult compare(ImportEntry entry, StoredCredential stored, byte[] secret, boolean overwrite,
			String actor) {
		String key = stored.credential().key();
		byte[] storedSecret = this.cipher.decrypt(key, stored.encryptedSecret());
		if (MessageDigest.isEqual(secret, storedSecret)) {
			return new EntryResult(entry.index(), key, Outcome.UNCHANGED, null);
		}
		if (!overwrite) {
			this.audit.record(AuditEventType.CREDENTIAL_IMPORTED, actor, key, AuditOutcome.FAILURE,
					"secret differs from the stored one; not overwritten");
			return new EntryResult(entry.index(), key, Outcome.CONFLICTING,
					"the stored secret differs; import with overwrite to replace it");
		}
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		String encrypted = this.cipher.encrypt(key, secret);
		try {
			this.transactions.executeWithoutResult((status) -> {
				if (this.store.replaceSecret(key, encrypted, now)) {
					this.audit.record(AuditEventType.CREDENTIAL_IMPORTED, actor, key, AuditOutcome.SUCCESS,
							"secret overwritten by the import");
				}
			});
		}
		finally {
			this.cache.invalidate(key);
		}
		return new EntryResult(entry.index(), key, Outcome.OVERWRITTEN, null);
	}

	private static TokenFormat tokenFormat(ImportEntry entry) {
		for (TokenFormat format : TokenFormat.values()) {
			if (format.value().equals(entry.tokenFormat())) {
				return format;
			}
		}
		return null;
	}

	private static void log(EntryResult result) {
		switch (result.outcome()) {
			case CREATED -> logger.info("Imported credential {}", result.key());
			case OVERWRITTEN -> logger.info("Imported credential {}, replacing its stored secret", result.key());
			case CONFLICTING -> logger.warn("Did not import credential {}: {}", result.key(), result.reason());
			case SKIPPED -> logger.warn("Skipped import entry {} (key {}): {}", result.index(),
					(result.key() != null) ? result.key() : "invalid", result.reason());
			default -> logger.debug("Credential {} is already stored with the same secret", result.key());
		}
	}

}
