package io.authtoken.credential;

/**
 * A credential as stored: its attributes and its secrets encrypted under the master key.
 *
 * @param credential the public attributes
 * @param encryptedSecret base64 of the Tink AEAD ciphertext of the secret's UTF-8 bytes
 * @param previousEncryptedSecret the secret that the last rotation replaced, encrypted
 * the same way, or {@code null} when there is none
 */
record StoredCredential(Credential credential, String encryptedSecret, String previousEncryptedSecret) {

	StoredCredential(Credential credential, String encryptedSecret) {
		this(credential, encryptedSecret, null);
	}

}
