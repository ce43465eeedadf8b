package io.authtoken.config;

import java.security.GeneralSecurityException;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The readiness component that proves the master key works.
 */
class MasterKeyHealthIndicatorTests {

	@BeforeAll
	static void registerTink() throws GeneralSecurityException {
		AeadConfig.register();
	}

	@Test
	void healthWhenKeyEncryptsAndDecryptsThenUp() throws GeneralSecurityException {
		Aead aead = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
			.getPrimitive(RegistryConfiguration.get(), Aead.class);

		Health health = new MasterKeyHealthIndicator(aead).health();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void healthWhenKeyFailsThenDown() {
		Aead failing = new Aead() {

			@Override
			public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
				throw new GeneralSecurityException("key unusable");
			}

			@Override
			public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
				throw new GeneralSecurityException("key unusable");
			}

		};

		Health health = new MasterKeyHealthIndicator(failing).health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void healthWhenDecryptionReturnsOtherBytesThenDown() {
		Aead corrupting = new Aead() {

			@Override
			public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
				return plaintext.clone();
			}

			@Override
			public byte[] decrypt(byte[] ciphertext, byte[] associatedData) {
				return new byte[ciphertext.length];
			}

		};

		Health health = new MasterKeyHealthIndicator(corrupting).health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
	}

}
