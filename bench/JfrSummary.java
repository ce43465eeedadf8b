import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Sorts the CPU samples of a JFR recording by what the service was doing, and prints the
 * shares as a Markdown table with the hottest methods. Run it as a single-file program:
 * {@code java bench/JfrSummary.java recording.jfr}.
 * <p>
 * Each sample goes to the category of the frame nearest the top of its stack that belongs
 * to one, so that a {@code HashMap.get} called by Jackson counts as JSON and one called by
 * Tomcat as the servlet stack. Samples of threads that are not request threads, such as
 * the scheduler and the compiler, are counted apart.
 */
public final class JfrSummary {

	private static final int TOP_METHODS = 15;

	/**
	 * Categories by class name prefix. Frames are tried from the top of the stack down,
	 * and each frame against these in order, so HMAC's {@code com.sun.crypto.provider}
	 * classes count as signing and the rest of that package as decryption.
	 */
	private static final Map<String, List<String>> CATEGORIES = categories();

	private JfrSummary() {
	}

	private static Map<String, List<String>> categories() {
		Map<String, List<String>> categories = new LinkedHashMap<>();
		categories.put("HMAC-SHA256 signing",
				List.of("io.authtoken.token.Hs256", "javax.crypto.Mac", "com.sun.crypto.provider.HmacCore",
						"sun.security.provider.SHA2"));
		categories.put("random ids (SecureRandom)", List.of("java.security.SecureRandom",
				"sun.security.provider.NativePRNG", "sun.security.provider.SecureRandom"));
		categories.put("secret decryption (credential cache load)",
				List.of("com.google.crypto.tink.", "com.sun.crypto.provider."));
		categories.put("database",
				List.of("org.h2.", "org.postgresql.", "com.zaxxer.hikari.", "org.springframework.jdbc."));
		categories.put("JSON (Jackson)", List.of("tools.jackson.", "com.fasterxml.jackson."));
		categories.put("logging", List.of("ch.qos.logback.", "org.slf4j."));
		categories.put("metrics and observation (Micrometer)", List.of("io.micrometer."));
		categories.put("cache (Caffeine)", List.of("com.github.benmanes.caffeine."));
		categories.put("service code", List.of("io.authtoken."));
		categories.put("Spring MVC and Spring Boot actuator",
				List.of("org.springframework.web.", "org.springframework.http.", "org.springframework.boot."));
		categories.put("Tomcat and the servlet API",
				List.of("org.apache.catalina.", "org.apache.coyote.", "org.apache.tomcat.", "jakarta.servlet."));
		return categories;
	}

	public static void main(String[] args) throws IOException {
		if (args.length != 1) {
			System.err.println("Usage: java bench/JfrSummary.java RECORDING.jfr");
			System.exit(2);
		}
		Map<String, Integer> byCategory = new TreeMap<>();
		Map<String, Integer> byLeafMethod = new TreeMap<>();
		int requestSamples = 0;
		int otherSamples = 0;
		for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
			if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
				continue;
			}
			RecordedStackTrace stack = event.getStackTrace();
			String thread = event.getThread("sampledThread").getJavaName();
			if (stack == null || stack.getFrames().isEmpty() || thread == null || !thread.startsWith("http-nio-")) {
				otherSamples++;
				continue;
			}
			requestSamples++;
			byCategory.merge(categoryOf(stack.getFrames()), 1, Integer::sum);
			byLeafMethod.merge(name(stack.getFrames().get(0)), 1, Integer::sum);
		}
		print(byCategory, byLeafMethod, requestSamples, otherSamples);
	}

	private static String categoryOf(List<RecordedFrame> frames) {
		for (RecordedFrame frame : frames) {
			String type = frame.getMethod().getType().getName();
			for (Map.Entry<String, List<String>> category : CATEGORIES.entrySet()) {
				if (category.getValue().stream().anyMatch(type::startsWith)) {
					return category.getKey();
				}
			}
		}
		return "JDK and other";
	}

	private static String name(RecordedFrame frame) {
		return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
	}

	private static void print(Map<String, Integer> byCategory, Map<String, Integer> byLeafMethod, int total,
			int other) {
		System.out.printf("%d CPU samples of request threads, %d of other threads%n%n", total, other);
		System.out.println("| where the request threads ran | samples | share |");
		System.out.println("|---|---:|---:|");
		sortedByCount(byCategory).forEach((category, count) -> System.out.printf("| %s | %d | %.1f%% |%n", category,
				count, 100.0 * count / total));
		System.out.printf("%n| hottest methods (top of the stack) | samples | share |%n|---|---:|---:|%n");
		sortedByCount(byLeafMethod).entrySet()
			.stream()
			.limit(TOP_METHODS)
			.forEach((entry) -> System.out.printf("| `%s` | %d | %.1f%% |%n", entry.getKey(), entry.getValue(),
					100.0 * entry.getValue() / total));
	}

	private static Map<String, Integer> sortedByCount(Map<String, Integer> counts) {
		return counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
	}

}
