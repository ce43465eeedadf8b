package io.authtoken.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes {@code authtoken.data-dir} absolute before anything reads it. H2 rejects a file
 * URL whose path is relative without a leading {@code ./}, so
 * {@code AUTHTOKEN_DATA_DIR=data} would otherwise fail at startup.
 */
class DataDirectoryEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	private static final String PROPERTY = "authtoken.data-dir";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String configured = environment.getProperty(PROPERTY);
		if (configured == null || configured.isBlank()) {
			return;
		}
		Path absolute = Path.of(configured).toAbsolutePath().normalize();
		createOwnerOnly(absolute);
		environment.getPropertySources()
			.addFirst(new MapPropertySource("authtokenAbsoluteDataDir", Map.of(PROPERTY, absolute.toString())));
	}

	private static void createOwnerOnly(Path directory) {
		if (Files.isDirectory(directory)) {
			return;
		}
		try {
			Files.createDirectories(directory.getParent());
			if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
				Files.createDirectory(directory,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
			}
			else {
				Files.createDirectory(directory);
			}
		}
		catch (FileAlreadyExistsException ex) {
			// Another process created it first, which is the same outcome.
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to create the data directory " + directory
					+ " (authtoken.data-dir, AUTHTOKEN_DATA_DIR); create it or choose a writable path", ex);
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
