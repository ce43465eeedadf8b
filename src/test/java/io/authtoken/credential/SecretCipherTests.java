package io.authtoken.credential;

import java.nio.charset.StandardCharsets;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Encryption of secrets at rest.
 */
class SecretCipherTests {

	private static final byte[] SECRET = "a-secret-of-at-least-thirty-two-bytes".getBytes(StandardCharsets.UTF_8);

	private static SecretCipher cipher;

	@BeforeAll
	static void createCipher() throws Exception {
		cipher = new SecretCipher(newKeyset());
	}

	@Test
	void encryptThenDecryptReturnsSecretAndCiphertextHidesIt() {
		String encrypted = cipher.encrypt("key-1", SECRET);

		assertThat(encrypted).doesNotContain("a-secret");
		assertThat(cipher.decrypt("key-1", encrypted)).isEqualTo(SECRET);
		assertThat(cipher.encrypt("key-1", SECRET)).isNotEqualTo(encrypted);
	}

	@Test
	void decryptWhenCiphertextMovedToAnotherKeyThenFails() {
		String encrypted = cipher.encrypt("key-1", SECRET);

		assertThatIllegalStateException().isThrownBy(() -> cipher.decrypt("key-2", encrypted))
			.withMessageContaining("key-2")
			.withMessageNotContaining("a-secret");
	}

	@Test
	void decryptWhenOtherMasterKeyThenFailsNamingTheCause() throws Exception {
		String encrypted = cipher.encrypt("key-1", SECRET);
		SecretCipher other = new SecretCipher(newKeyset());

		assertThatIllegalStateException().isThrownBy(() -> other.decrypt("key-1", encrypted))
			.withMessageContaining("master key");
	}

	private static KeysetHandle newKeyset() throws Exception {
		AeadConfig.register();
		return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
	}

}
