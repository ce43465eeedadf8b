package io.authtoken.credential;

/**
 * A credential as stored: its attributes and its secret encrypted under the master key.
 *
 * @param credential the public attributes
 * @param encryptedSecret base64 of the Tink AEAD ciphertext of the secret's UTF-8 bytes
 */
record StoredCredential(Credential credential, String encryptedSecret) {

}
