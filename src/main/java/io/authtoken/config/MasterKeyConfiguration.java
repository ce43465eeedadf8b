package io.authtoken.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Set;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Provides the master key that encrypts stored secrets: the Tink keyset in
 * {@code authtoken.master-key} ({@code AUTHTOKEN_MASTER_KEY}), or else one generated once
 * into {@code master-key.json} in the data directory.
 */
@Configuration(proxyBeanMethods = false)
class MasterKeyConfiguration {

	static final String KEY_FILE_NAME = "master-key.json";

	private static final Logger logger = LoggerFactory.getLogger(MasterKeyConfiguration.class);

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	/**
	 * Provides the master keyset. It may hold several keys during a master key rotation:
	 * secrets are encrypted under the primary key and decrypted under whichever key
	 * encrypted them.
	 */
	@Bean
	KeysetHandle masterKeyset(AuthTokenProperties properties) throws GeneralSecurityException, IOException {
		AeadConfig.register();
		KeysetHandle keyset = loadKeyset(properties);
		logger.info("Master keyset has {} key(s); the primary key id is {}", keyset.size(),
				Integer.toUnsignedString(keyset.getPrimary().getId()));
		return keyset;
	}

	static KeysetHandle loadKeyset(AuthTokenProperties properties) throws GeneralSecurityException, IOException {
		String configured = properties.masterKey();
		if (configured != null && !configured.isBlank()) {
			logger.info("Using the master key from authtoken.master-key");
			return parseConfigured(configured.strip());
		}
		return loadOrGenerateFile(properties.dataDir().resolve(KEY_FILE_NAME));
	}

	/**
	 * Parses the configured key, a Tink JSON keyset given as is or base64-encoded. The
	 * error names the property and never quotes the value.
	 */
	private static KeysetHandle parseConfigured(String value) {
		String json = value;
		if (!value.startsWith("{")) {
			try {
				json = new String(Base64.getMimeDecoder().decode(value), StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				throw invalidMasterKey(null);
			}
		}
		try {
			return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			throw invalidMasterKey(ex);
		}
	}

	private static InvalidConfigurationException invalidMasterKey(Exception cause) {
		return new InvalidConfigurationException("authtoken.master-key (AUTHTOKEN_MASTER_KEY)",
				"the value (masked) is not a Tink JSON keyset, plain or base64-encoded",
				"Set AUTHTOKEN_MASTER_KEY to the master-key.json that the service generates when no key is "
						+ "configured, as JSON or as base64 of it, or unset it to use the generated key file",
				cause);
	}

	private static KeysetHandle loadOrGenerateFile(Path file) throws GeneralSecurityException, IOException {
		if (Files.exists(file)) {
			logger.warn("Using the generated master key in {}; set AUTHTOKEN_MASTER_KEY in production", file);
			return TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file), InsecureSecretKeyAccess.get());
		}
		KeysetHandle keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
		String json = TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
		writeOwnerOnly(file, json);
		logger.warn("No master key configured: generated one into {}. Back this file up, because the stored "
				+ "secrets cannot be decrypted without it, and set AUTHTOKEN_MASTER_KEY in production", file);
		return keyset;
	}

	/**
	 * Creates the file with owner-only permissions from the start, so that the key is
	 * never readable by others, not even briefly.
	 */
	private static void writeOwnerOnly(Path file, String content) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
		FileAttribute<?>[] attributes = posix
				? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(OWNER_ONLY) } : new FileAttribute<?>[0];
		try {
			Files.createFile(file, attributes);
		}
		catch (FileAlreadyExistsException ex) {
			throw new IllegalStateException("Master key file " + file + " appeared while generating one; "
					+ "another process is using the same data directory", ex);
		}
		Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
	}

}
