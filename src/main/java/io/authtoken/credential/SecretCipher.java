package io.authtoken.credential;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadKey;

import org.springframework.stereotype.Component;

/**
 * Encrypts and decrypts credential secrets with AES-256-GCM under the master keyset. The
 * credential key is bound in as associated data, so a ciphertext copied to another row
 * fails to decrypt instead of lending that row its secret.
 */
@Component
public class SecretCipher {

	private final Aead aead;

	/**
	 * The bytes that start every ciphertext made under the primary key: Tink's 5-byte
	 * prefix of a version byte and the key id, or none for a key without a prefix.
	 */
	private final byte[] primaryPrefix;

	private final int primaryKeyId;

	public SecretCipher(KeysetHandle masterKeyset) {
		try {
			this.aead = masterKeyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The master keyset is not an AEAD keyset", ex);
		}
		this.primaryPrefix = (masterKeyset.getPrimary().getKey() instanceof AeadKey key)
				? key.getOutputPrefix().toByteArray() : new byte[0];
		this.primaryKeyId = masterKeyset.getPrimary().getId();
	}

	String encrypt(String key, byte[] secret) {
		try {
			byte[] ciphertext = this.aead.encrypt(secret, associatedData(key));
			return Base64.getEncoder().encodeToString(ciphertext);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Failed to encrypt the secret of credential '" + key + "'", ex);
		}
	}

	/**
	 * Decrypts a stored secret.
	 * @throws IllegalStateException if the master key cannot decrypt it, which means the
	 * configured master key is not the one the secret was stored under
	 */
	byte[] decrypt(String key, String encryptedSecret) {
		try {
			return this.aead.decrypt(Base64.getDecoder().decode(encryptedSecret), associatedData(key));
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("Failed to decrypt the secret of credential '" + key
					+ "': the master key is not the one it was stored under", ex);
		}
	}

	/**
	 * Returns whether a stored secret is encrypted under the primary key, so that
	 * re-encrypting it would change nothing. Always {@code false} when the primary key
	 * adds no prefix, because then the ciphertext does not identify its key.
	 */
	boolean encryptedUnderPrimaryKey(String encryptedSecret) {
		if (this.primaryPrefix.length == 0) {
			return false;
		}
		byte[] ciphertext = Base64.getDecoder().decode(encryptedSecret);
		return ciphertext.length > this.primaryPrefix.length && Arrays.equals(ciphertext, 0, this.primaryPrefix.length,
				this.primaryPrefix, 0, this.primaryPrefix.length);
	}

	/**
	 * Returns the id of the primary key, unsigned, as Tink's tools print it.
	 */
	String primaryKeyId() {
		return Integer.toUnsignedString(this.primaryKeyId);
	}

	private static byte[] associatedData(String key) {
		return ("authtoken-credential:" + key).getBytes(StandardCharsets.UTF_8);
	}

}
