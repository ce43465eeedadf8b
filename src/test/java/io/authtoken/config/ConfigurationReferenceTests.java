package io.authtoken.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.authtoken.support.ServiceSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/configuration.md} lists every {@code authtoken.*} property the code reads,
 * each in a row of property, environment variable, type, default and meaning, and lists
 * no property the code does not read.
 */
class ConfigurationReferenceTests {

	private static final Path REFERENCE = Path.of("docs/configuration.md");

	@Test
	void propertyWhenInCodeThenDocumented() throws IOException {
		Set<String> properties = ServiceSettings.authTokenProperties();
		Map<String, List<String>> rows = documentedRows();

		assertThat(properties).contains("authtoken.data-dir", "authtoken.refresh.reuse-grace",
				"authtoken.logging.json");
		for (String property : properties) {
			assertThat(rows).as("a row for %s in %s", property, REFERENCE).containsKey(property);
			List<String> cells = rows.get(property);
			assertThat(cells).as("the cells of %s", property)
				.hasSize(5)
				.allSatisfy((cell) -> assertThat(cell).isNotBlank());
			assertThat(ServiceSettings.environmentVariables(property)).as("the environment variable of %s", property)
				.contains(cells.get(1).replace("`", ""));
		}
	}

	@Test
	void propertyWhenDocumentedThenInCode() throws IOException {
		Set<String> properties = ServiceSettings.authTokenProperties();

		assertThat(documentedRows().keySet()).allSatisfy((documented) -> assertThat(properties).contains(documented));
	}

	/**
	 * Returns the table rows about {@code authtoken.*} properties, by property name, each
	 * as its cells.
	 */
	private static Map<String, List<String>> documentedRows() throws IOException {
		Map<String, List<String>> rows = new LinkedHashMap<>();
		for (String line : Files.readAllLines(REFERENCE)) {
			if (line.startsWith("| `authtoken.")) {
				String[] cells = line.substring(1, line.length() - 1).split("\\|");
				List<String> trimmed = Arrays.stream(cells).map(String::strip).toList();
				rows.put(trimmed.get(0).replace("`", ""), trimmed);
			}
		}
		return rows;
	}

}
