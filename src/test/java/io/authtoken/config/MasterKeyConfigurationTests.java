package io.authtoken.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Loading and generating the master key.
 */
class MasterKeyConfigurationTests {

	private static final byte[] PLAINTEXT = "a secret".getBytes(StandardCharsets.UTF_8);

	private static final byte[] CONTEXT = "context".getBytes(StandardCharsets.UTF_8);

	@TempDir
	Path dataDir;

	@BeforeAll
	static void registerTink() throws Exception {
		AeadConfig.register();
	}

	@Test
	void loadWhenNoKeyConfiguredThenGeneratesOwnerOnlyFileAndReusesIt() throws Exception {
		AuthTokenProperties properties = properties(null);

		Aead first = aead(properties);
		Path file = this.dataDir.resolve(MasterKeyConfiguration.KEY_FILE_NAME);
		byte[] ciphertext = first.encrypt(PLAINTEXT, CONTEXT);
		Aead second = aead(properties);

		assertThat(file).exists();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(second.decrypt(ciphertext, CONTEXT)).isEqualTo(PLAINTEXT);
	}

	@Test
	void loadWhenKeyConfiguredAsJsonOrBase64ThenSameKey() throws Exception {
		aead(properties(null));
		String json = Files.readString(this.dataDir.resolve(MasterKeyConfiguration.KEY_FILE_NAME));
		String base64 = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));

		Aead fromJson = aead(properties(json));
		Aead fromBase64 = aead(properties(base64));

		assertThat(fromBase64.decrypt(fromJson.encrypt(PLAINTEXT, CONTEXT), CONTEXT)).isEqualTo(PLAINTEXT);
	}

	@Test
	void loadWhenKeyConfiguredButInvalidThenFailsNamingPropertyWithoutValue() {
		for (String value : new String[] { "not-a-keyset-value", "{\"primaryKeyId\": 1}", "%%%" }) {
			assertThatExceptionOfType(InvalidConfigurationException.class).isThrownBy(() -> aead(properties(value)))
				.withMessageContaining("authtoken.master-key")
				.withMessageContaining("AUTHTOKEN_MASTER_KEY")
				.withMessageNotContaining(value);
		}
		assertThat(this.dataDir.resolve(MasterKeyConfiguration.KEY_FILE_NAME)).doesNotExist();
	}

	private static Aead aead(AuthTokenProperties properties) throws Exception {
		return MasterKeyConfiguration.loadKeyset(properties).getPrimitive(RegistryConfiguration.get(), Aead.class);
	}

	private AuthTokenProperties properties(String masterKey) {
		MockEnvironment environment = new MockEnvironment().withProperty("authtoken.data-dir", this.dataDir.toString());
		if (masterKey != null) {
			environment.setProperty("authtoken.master-key", masterKey);
		}
		return new Binder(ConfigurationPropertySources.get(environment)).bindOrCreate("authtoken",
				Bindable.of(AuthTokenProperties.class));
	}

}
