package io.authtoken.credential;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.json.JsonMapper;

import io.authtoken.audit.AuditLog;
import io.authtoken.config.AuthTokenProperties;
import io.authtoken.config.InvalidConfigurationException;
import io.authtoken.web.ApiException;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Imports the credentials in {@code authtoken.credentials.import-file} at every startup.
 * The import is idempotent, so restarting, or starting several instances at once, creates
 * each credential once. A file that cannot be read stops the startup.
 */
@Component
class CredentialImportRunner implements ApplicationRunner {

	private static final String PROPERTY = "authtoken.credentials.import-file (AUTHTOKEN_CREDENTIALS_IMPORTFILE)";

	/** Largest import file accepted, 64 MiB, far above thousands of credentials. */
	private static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

	private final CredentialImporter importer;

	private final JsonMapper jsonMapper;

	private final AuthTokenProperties.Credentials settings;

	CredentialImportRunner(CredentialImporter importer, JsonMapper jsonMapper, AuthTokenProperties properties) {
		this.importer = importer;
		this.jsonMapper = jsonMapper;
		this.settings = properties.credentials();
	}

	@Override
	public void run(ApplicationArguments args) {
		Path file = this.settings.importFile();
		if (file != null && !file.toString().isBlank()) {
			this.importer.importAll(read(file), this.settings.importOverwrite(), AuditLog.SYSTEM_ACTOR);
		}
	}

	/**
	 * Reads the file. Errors name the file and the line, never the content, which
	 * contains secrets.
	 */
	private ImportDocument read(Path file) {
		try {
			if (Files.size(file) > MAX_FILE_BYTES) {
				throw invalid(file, "is larger than " + MAX_FILE_BYTES + " bytes", null);
			}
			return ImportDocument.parse(this.jsonMapper.readTree(file.toFile()));
		}
		catch (IOException ex) {
			throw invalid(file, "cannot be read (" + ex.getClass().getSimpleName() + ")", ex);
		}
		catch (JacksonException ex) {
			TokenStreamLocation location = ex.getLocation();
			String where = (location != null)
					? " at line " + location.getLineNr() + ", column " + location.getColumnNr() : "";
			throw invalid(file, "is not valid JSON without duplicate members" + where, null);
		}
		catch (ApiException ex) {
			throw invalid(file, ex.getMessage(), null);
		}
	}

	private static InvalidConfigurationException invalid(Path file, String problem, Exception cause) {
		return new InvalidConfigurationException(PROPERTY, "the file " + file + " " + problem,
				"Fix the file, or unset AUTHTOKEN_CREDENTIALS_IMPORTFILE to start without importing", cause);
	}

}
