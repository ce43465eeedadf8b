package io.authtoken.credential;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import com.google.crypto.tink.Aead;

import org.springframework.stereotype.Component;

/**
 * Encrypts and decrypts credential secrets with AES-256-GCM under the master key. The
 * credential key is bound in as associated data, so a ciphertext copied to another row
 * fails to decrypt instead of lending that row its secret.
 */
@Component
public class SecretCipher {

	private final Aead aead;

	public SecretCipher(Aead masterKeyAead) {
		this.aead = masterKeyAead;
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

	private static byte[] associatedData(String key) {
		return ("authtoken-credential:" + key).getBytes(StandardCharsets.UTF_8);
	}

}
