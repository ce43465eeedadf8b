package io.authtoken.config;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Reports whether the master key can encrypt and decrypt, as the {@code masterKey}
 * component of the readiness probe. An instance without a working master key can neither
 * check secrets nor store new ones, so it must not receive traffic.
 */
@Component
class MasterKeyHealthIndicator extends AbstractHealthIndicator {

	private static final byte[] PROBE = "authtoken-health-probe".getBytes(StandardCharsets.UTF_8);

	private static final byte[] ASSOCIATED_DATA = "authtoken-health".getBytes(StandardCharsets.UTF_8);

	private final Aead masterKeyAead;

	@Autowired
	MasterKeyHealthIndicator(KeysetHandle masterKeyset) throws GeneralSecurityException {
		this(masterKeyset.getPrimitive(RegistryConfiguration.get(), Aead.class));
	}

	MasterKeyHealthIndicator(Aead masterKeyAead) {
		super("The master key failed to encrypt and decrypt a probe value");
		this.masterKeyAead = masterKeyAead;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws GeneralSecurityException {
		byte[] decrypted = this.masterKeyAead.decrypt(this.masterKeyAead.encrypt(PROBE, ASSOCIATED_DATA),
				ASSOCIATED_DATA);
		if (Arrays.equals(decrypted, PROBE)) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

}
