package io.authtoken.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The samples of one scrape of {@code /actuator/prometheus}, parsed from the Prometheus
 * text format so that tests can read a series by its name and labels.
 */
public final class PrometheusScrape {

	private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? (\\S+)");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	private final List<Sample> samples;

	private PrometheusScrape(List<Sample> samples) {
		this.samples = samples;
	}

	public static PrometheusScrape parse(String text) {
		List<Sample> samples = new ArrayList<>();
		for (String line : text.split("\n")) {
			Matcher sample = SAMPLE.matcher(line);
			if (!line.startsWith("#") && sample.matches()) {
				Map<String, String> labels = new LinkedHashMap<>();
				Matcher label = LABEL.matcher((sample.group(2) != null) ? sample.group(2) : "");
				while (label.find()) {
					labels.put(label.group(1), label.group(2));
				}
				samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
			}
		}
		return new PrometheusScrape(samples);
	}

	/**
	 * Returns the value of the one series with this name and exactly these labels.
	 * @param labels label names and values, alternating
	 * @throws AssertionError if no such series was scraped
	 */
	public double value(String name, String... labels) {
		Map<String, String> expected = new LinkedHashMap<>();
		for (int i = 0; i < labels.length; i += 2) {
			expected.put(labels[i], labels[i + 1]);
		}
		return this.samples.stream()
			.filter((sample) -> sample.name().equals(name) && sample.labels().equals(expected))
			.findFirst()
			.orElseThrow(() -> new AssertionError(
					"No series " + name + expected + " in the scrape; series of that " + "name: " + samples(name)))
			.value();
	}

	public List<Sample> samples(String name) {
		return this.samples.stream().filter((sample) -> sample.name().equals(name)).toList();
	}

	/**
	 * One line of the scrape.
	 */
	public record Sample(String name, Map<String, String> labels, double value) {

	}

}
