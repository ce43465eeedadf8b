package io.authtoken.config;

import java.sql.SQLException;
import java.util.regex.Pattern;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Reports a startup that failed because the database refused or could not take a
 * connection: the URL with any password masked, the user, the driver's reason and the
 * fix. The service connects at startup to migrate the schema, so a database that is down
 * or misconfigured stops it there instead of failing every request.
 */
class DatabaseConnectionFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

	private static final String URL_PROPERTY = "spring.datasource.url (SPRING_DATASOURCE_URL)";

	private static final String CREDENTIAL_PROPERTIES = "spring.datasource.username and spring.datasource.password "
			+ "(SPRING_DATASOURCE_USERNAME, SPRING_DATASOURCE_PASSWORD)";

	private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)\\b(password|pwd)=[^&;]*");

	private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/:@]*):[^/@]*@");

	private static final String MASK = "******";

	private final Environment environment;

	DatabaseConnectionFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
		String state = (cause.getSQLState() != null) ? cause.getSQLState() : "";
		String target = "the database at " + URL_PROPERTY + " = "
				+ mask(this.environment.getProperty("spring.datasource.url", "")) + " as user '"
				+ this.environment.getProperty("spring.datasource.username", "") + "'";
		if (state.startsWith("08")) {
			return analysis("Failed to connect to " + target, cause,
					"Start the database, or set SPRING_DATASOURCE_URL to its host, port and database name. The "
							+ "service connects once at startup and stops if that fails, so start it after the "
							+ "database accepts connections, as docker-compose.yml does with depends_on.");
		}
		if (state.startsWith("28")) {
			return analysis("The database rejected the user or password for " + target, cause,
					"Set " + CREDENTIAL_PROPERTIES + " to a user that the database accepts.");
		}
		if (state.startsWith("3D")) {
			return analysis("The database named in " + URL_PROPERTY + " does not exist: " + target, cause,
					"Create the database, or correct its name at the end of SPRING_DATASOURCE_URL.");
		}
		return null;
	}

	private static FailureAnalysis analysis(String description, SQLException cause, String action) {
		return new FailureAnalysis(description + ". The driver reported: " + cause.getMessage(), action, cause);
	}

	/**
	 * Masks a password given in the URL, as a {@code password} parameter or as
	 * {@code user:password@}, so that the report never shows it.
	 */
	static String mask(String url) {
		String masked = PASSWORD_PARAMETER.matcher(url).replaceAll("$1=" + MASK);
		return USER_INFO_PASSWORD.matcher(masked).replaceAll("$1:" + MASK + "@");
	}

}
