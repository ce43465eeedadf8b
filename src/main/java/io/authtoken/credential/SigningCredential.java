package io.authtoken.credential;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;

/**
 * A credential with its decrypted secrets, as the token endpoints need it to check
 * secrets and to sign. {@link #toString()} leaves the secrets out so that they cannot
 * reach a log.
 *
 * @param key the credential key, which issued tokens carry as {@code iss}
 * @param secret UTF-8 bytes of the secret, the HMAC key; callers must not modify it
 * @param previousSecret UTF-8 bytes of the secret that the last rotation replaced, or
 * {@code null}; accepted only before {@code previousSecretValidUntil}
 * @param previousSecretValidUntil end of the rotation overlap, or {@code null}
 * @param status whether the credential may issue tokens
 * @param tokenFormat shape of the tokens it issues
 * @param expiresAt after this the credential issues and refreshes nothing, or
 * {@code null}
 * @param tokenTtl lifetime of its standard tokens, or {@code null} for the configured
 * default
 */
public record SigningCredential(String key, byte[] secret, byte[] previousSecret, Instant previousSecretValidUntil,
		CredentialStatus status, TokenFormat tokenFormat, Instant expiresAt, Duration tokenTtl) {

	/**
	 * Creates an active credential without a previous secret, expiry or token lifetime of
	 * its own.
	 */
	public SigningCredential(String key, byte[] secret, CredentialStatus status, TokenFormat tokenFormat) {
		this(key, secret, null, null, status, tokenFormat, null, null);
	}

	public boolean active() {
		return this.status == CredentialStatus.ACTIVE;
	}

	public boolean expired(Instant now) {
		return this.expiresAt != null && !now.isBefore(this.expiresAt);
	}

	/**
	 * Returns the previous secret while the rotation overlap runs, or {@code null} when
	 * there is none or the overlap has ended.
	 */
	public byte[] previousSecret(Instant now) {
		boolean valid = this.previousSecret != null && this.previousSecretValidUntil != null
				&& now.isBefore(this.previousSecretValidUntil);
		return valid ? this.previousSecret : null;
	}

	/**
	 * Compares a presented secret with the secret and with the previous secret, both in
	 * constant time. Both comparisons run whether or not a previous secret exists, so the
	 * time taken does not tell whether a rotation is in its overlap.
	 */
	public boolean secretMatches(byte[] presented, Instant now) {
		byte[] previous = previousSecret(now);
		boolean matchesCurrent = MessageDigest.isEqual(presented, this.secret);
		boolean matchesPrevious = MessageDigest.isEqual(presented, (previous != null) ? previous : this.secret);
		return matchesCurrent | (previous != null & matchesPrevious);
	}

	@Override
	public String toString() {
		return "SigningCredential[key=" + this.key + ", status=" + this.status + ", tokenFormat=" + this.tokenFormat
				+ ", expiresAt=" + this.expiresAt + ", tokenTtl=" + this.tokenTtl + ", previousSecretValidUntil="
				+ this.previousSecretValidUntil + "]";
	}

}
