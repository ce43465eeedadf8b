package io.authtoken.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.authtoken.support.ServiceSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks {@code docker-compose.yml}, {@code Dockerfile} and {@code .env.example} by
 * reading them, because Docker cannot run on the build machines. Every environment
 * variable they set must be one the service or the JVM reads, so that a typo cannot
 * silently leave a setting at its default.
 */
class ContainerFilesTests {

	/**
	 * Environment variables that the JVM itself reads, not the service.
	 */
	private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

	private static final Pattern VARIABLE_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");

	private static Set<String> readableVariables;

	private static Set<String> readableVariablePrefixes;

	@BeforeAll
	static void collectReadableVariables() {
		readableVariables = new TreeSet<>(JVM_VARIABLES);
		readableVariablePrefixes = new TreeSet<>();
		readableVariables.addAll(ServiceSettings.placeholderEnvironmentVariables());
		ServiceSettings.authTokenProperties()
			.forEach((property) -> readableVariables.add(ServiceSettings.environmentVariable(property)));
		for (String property : ServiceSettings.springBootProperties()) {
			if (property.endsWith(".*")) {
				String prefix = property.substring(0, property.length() - 2);
				readableVariablePrefixes.add(ServiceSettings.environmentVariable(prefix) + "_");
			}
			else {
				readableVariables.add(ServiceSettings.environmentVariable(property));
			}
		}
	}

	@Test
	void composeEnvironmentWhenSetThenRead() throws IOException {
		Map<String, Object> environment = map(service("authtoken").get("environment"));

		assertThat(environment).containsKeys("SPRING_DATASOURCE_URL", "AUTHTOKEN_MASTER_KEY");
		assertThat(environment.keySet()).allSatisfy(ContainerFilesTests::assertReadable);
	}

	@Test
	void dockerfileEnvironmentWhenSetThenRead() throws IOException {
		List<String> variables = new ArrayList<>();
		for (String instruction : dockerfileInstructions()) {
			if (instruction.startsWith("ENV ")) {
				variables.add(instruction.substring(4).strip().split("[= ]", 2)[0]);
			}
		}

		assertThat(variables).contains("AUTHTOKEN_DATA_DIR", "SERVER_ADDRESS", "JAVA_TOOL_OPTIONS");
		assertThat(variables).allSatisfy(ContainerFilesTests::assertReadable);
	}

	@Test
	void composeSecretsWhenNeededThenFromEnvFile() throws IOException {
		String compose = Files.readString(Path.of("docker-compose.yml"));
		String example = Files.readString(Path.of(".env.example"));
		Map<String, Object> environment = map(service("authtoken").get("environment"));

		Matcher references = VARIABLE_REFERENCE.matcher(compose);
		while (references.find()) {
			assertThat(example).as(".env.example").containsPattern("(?m)^" + references.group(1) + "=");
		}
		for (String secret : List.of("SPRING_DATASOURCE_PASSWORD", "AUTHTOKEN_ADMIN_TOKEN", "AUTHTOKEN_MASTER_KEY")) {
			// ${NAME:?message} makes compose stop when .env does not set NAME.
			assertThat(environment.get(secret)).as(secret).asString().startsWith("${").contains(":?");
		}
		assertThat(Files.readAllLines(Path.of(".gitignore"))).contains(".env");
		assertThat(Files.readAllLines(Path.of(".dockerignore"))).contains(".env");
	}

	@Test
	void composeWhenStartedThenWaitsForHealthyDatabase() throws IOException {
		Map<String, Object> postgres = service("postgres");
		Map<String, Object> authtoken = service("authtoken");

		assertThat(map(postgres.get("healthcheck"))).containsKey("test");
		String volume = ((List<?>) postgres.get("volumes")).get(0).toString().split(":")[0];
		assertThat(map(compose().get("volumes"))).containsKey(volume);
		assertThat(map(map(authtoken.get("depends_on")).get("postgres"))).containsEntry("condition", "service_healthy");
	}

	@Test
	void dockerfileWhenBuiltThenLayeredAndNonRoot() throws IOException {
		List<String> instructions = dockerfileInstructions();

		assertThat(instructions.stream().filter((line) -> line.startsWith("FROM "))).hasSizeGreaterThanOrEqualTo(2)
			.last()
			.asString()
			.contains("-jre");
		assertThat(instructions).anySatisfy((line) -> assertThat(line).contains("extract --layers"));
		assertThat(instructions).filteredOn((line) -> line.startsWith("USER "))
			.singleElement()
			.asString()
			.doesNotContain("root")
			.doesNotMatch("USER 0(:.*)?");
		assertThat(instructions).filteredOn((line) -> line.startsWith("HEALTHCHECK "))
			.singleElement()
			.asString()
			.contains("/actuator/health/readiness");
		assertThat(instructions).anySatisfy(
				(line) -> assertThat(line).startsWith("ENV JAVA_TOOL_OPTIONS=").contains("-XX:MaxRAMPercentage="));
	}

	@Test
	void loadBalancerWhenActuatorRequestedThenNotForwarded() throws IOException {
		String nginx = Files.readString(Path.of("deploy/nginx.conf"));

		assertThat(nginx).containsPattern("location /actuator \\{\\s*return 404;");
	}

	private static void assertReadable(String variable) {
		boolean readable = readableVariables.contains(variable)
				|| readableVariablePrefixes.stream().anyMatch(variable::startsWith);
		assertThat(readable).as("%s is read by the service or the JVM", variable).isTrue();
	}

	private static Map<String, Object> compose() throws IOException {
		return new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
	}

	private static Map<String, Object> service(String name) throws IOException {
		return map(map(compose().get("services")).get(name));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object yaml) {
		assertThat(yaml).isInstanceOf(Map.class);
		return (Map<String, Object>) yaml;
	}

	/**
	 * Returns the Dockerfile's instructions, each on one line with its continuations
	 * joined and its comments left out.
	 */
	private static List<String> dockerfileInstructions() throws IOException {
		List<String> instructions = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : Files.readAllLines(Path.of("Dockerfile"))) {
			String stripped = line.strip();
			if (stripped.startsWith("#") || stripped.isEmpty()) {
				continue;
			}
			boolean continues = stripped.endsWith("\\");
			current.append(continues ? stripped.substring(0, stripped.length() - 1) : stripped).append(' ');
			if (!continues) {
				instructions.add(current.toString().strip());
				current.setLength(0);
			}
		}
		return instructions;
	}

}
