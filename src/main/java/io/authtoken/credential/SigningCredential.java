package io.authtoken.credential;

/**
 * A credential with its decrypted secret, as the token endpoints need it to check secrets
 * and to sign. {@link #toString()} leaves the secret out so that it cannot reach a log.
 *
 * @param key the credential key, which issued tokens carry as {@code iss}
 * @param secret UTF-8 bytes of the secret, the HMAC key; callers must not modify it
 * @param status whether the credential may issue tokens
 * @param tokenFormat shape of the tokens it issues
 */
public record SigningCredential(String key, byte[] secret, CredentialStatus status, TokenFormat tokenFormat) {

	public boolean active() {
		return this.status == CredentialStatus.ACTIVE;
	}

	@Override
	public String toString() {
		return "SigningCredential[key=" + this.key + ", status=" + this.status + ", tokenFormat=" + this.tokenFormat
				+ "]";
	}

}
