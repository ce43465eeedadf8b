package io.authtoken.config;

/**
 * Thrown at startup when a setting cannot work. Spring Boot prints it through
 * {@link InvalidConfigurationFailureAnalyzer} as one short report, without a stack trace.
 */
public class InvalidConfigurationException extends RuntimeException {

	private final String property;

	private final String action;

	/**
	 * Creates the exception.
	 * @param property the setting at fault, with its environment variable
	 * @param problem what is wrong, never quoting a secret value
	 * @param action what the operator should do
	 * @param cause the underlying error, or {@code null}
	 */
	public InvalidConfigurationException(String property, String problem, String action, Throwable cause) {
		super(property + ": " + problem, cause);
		this.property = property;
		this.action = action;
	}

	public String property() {
		return this.property;
	}

	public String action() {
		return this.action;
	}

}
