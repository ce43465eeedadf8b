package io.authtoken.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.yaml.snakeyaml.Yaml;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * The settings the service reads, found in its code rather than in a list that could go
 * stale: the {@code authtoken.*} properties of every {@code @ConfigurationProperties}
 * record and of every {@code ${authtoken.…}} placeholder in the main sources, and Spring
 * Boot's own properties from the configuration metadata on the class path.
 */
public final class ServiceSettings {

	private static final String BASE_PACKAGE = "io.authtoken";

	private static final Path MAIN_SOURCES = Path.of("src/main");

	private static final Pattern PROPERTY_PLACEHOLDER = Pattern.compile("\\$\\{(authtoken\\.[a-z0-9.-]+)");

	private static final Pattern ENVIRONMENT_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

	private static final Path APPLICATION_YAML = MAIN_SOURCES.resolve("resources/application.yml");

	private static final Pattern WHOLE_ENVIRONMENT_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:.*)?}");

	private static final JsonMapper json = JsonMapper.builder().build();

	private ServiceSettings() {
	}

	/**
	 * Returns the name of every {@code authtoken.*} property, in kebab case.
	 */
	public static Set<String> authTokenProperties() {
		Set<String> properties = new TreeSet<>();
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
		for (BeanDefinition candidate : scanner.findCandidateComponents(BASE_PACKAGE)) {
			Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), null);
			String prefix = MergedAnnotations.from(type).get(ConfigurationProperties.class).getString("prefix");
			addProperties(prefix, type, properties);
		}
		forEachMainSource((text) -> addMatches(PROPERTY_PLACEHOLDER.matcher(text), properties));
		return properties;
	}

	/**
	 * Returns the environment variables named in {@code ${NAME}} placeholders of the main
	 * sources, which the service reads under that exact name.
	 */
	public static Set<String> placeholderEnvironmentVariables() {
		Set<String> variables = new TreeSet<>();
		forEachMainSource((text) -> addMatches(ENVIRONMENT_PLACEHOLDER.matcher(text), variables));
		return variables;
	}

	/**
	 * Returns every property that a Spring Boot module on the class path describes in its
	 * configuration metadata. Names of map properties end in {@code .*}.
	 */
	public static Set<String> springBootProperties() {
		Set<String> properties = new TreeSet<>();
		try {
			Enumeration<URL> resources = ServiceSettings.class.getClassLoader()
				.getResources("META-INF/spring-configuration-metadata.json");
			while (resources.hasMoreElements()) {
				try (InputStream in = resources.nextElement().openStream()) {
					for (JsonNode property : json.readTree(in).path("properties")) {
						boolean map = property.path("type").asString("").startsWith("java.util.Map");
						properties.add(property.path("name").asString() + (map ? ".*" : ""));
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return properties;
	}

	/**
	 * Returns the environment variable that sets a property through Spring Boot's relaxed
	 * binding: upper case, dots replaced by underscores, dashes removed.
	 */
	public static String environmentVariable(String property) {
		return property.replace(".", "_").replace("-", "").toUpperCase(Locale.ROOT);
	}

	/**
	 * Returns the environment variables that set a property: the relaxed binding form,
	 * and the variable that {@code application.yml} reads into it with a placeholder such
	 * as {@code ${AUTHTOKEN_DATA_DIR:./data}}, if any.
	 */
	public static Set<String> environmentVariables(String property) {
		Set<String> variables = new TreeSet<>();
		variables.add(environmentVariable(property));
		Object value = applicationYaml().get(property);
		Matcher placeholder = (value != null) ? WHOLE_ENVIRONMENT_PLACEHOLDER.matcher(value.toString()) : null;
		if (placeholder != null && placeholder.matches()) {
			variables.add(placeholder.group(1));
		}
		return variables;
	}

	/**
	 * Returns {@code application.yml} as property names and values.
	 */
	private static Map<String, Object> applicationYaml() {
		try {
			Map<String, Object> flat = new TreeMap<>();
			flatten("", new Yaml().load(Files.readString(APPLICATION_YAML)), flat);
			return flat;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void flatten(String prefix, Object yaml, Map<String, Object> flat) {
		if (yaml instanceof Map<?, ?> map) {
			map.forEach((key, value) -> flatten(prefix.isEmpty() ? key.toString() : prefix + "." + key, value, flat));
		}
		else {
			flat.put(prefix, yaml);
		}
	}

	private static void addProperties(String prefix, Class<?> type, Set<String> properties) {
		for (RecordComponent component : type.getRecordComponents()) {
			String name = prefix + "." + kebabCase(component.getName());
			Class<?> componentType = component.getType();
			if (componentType.isRecord() && componentType.getPackageName().startsWith(BASE_PACKAGE)) {
				addProperties(name, componentType, properties);
			}
			else {
				properties.add(name);
			}
		}
	}

	private static String kebabCase(String camelCase) {
		return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

	private static void addMatches(Matcher matcher, Set<String> names) {
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
	}

	private static void forEachMainSource(Consumer<String> action) {
		try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				action.accept(Files.readString(file));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
