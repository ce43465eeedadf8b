package io.authtoken.config;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Logs where the service keeps its data, so that an operator can tell at a glance which
 * database an instance uses.
 */
@Component
class StartupReport implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(StartupReport.class);

	private final AuthTokenProperties properties;

	private final DataSource dataSource;

	StartupReport(AuthTokenProperties properties, DataSource dataSource) {
		this.properties = properties;
		this.dataSource = dataSource;
	}

	@Override
	public void run(ApplicationArguments args) {
		String database = new JdbcTemplate(this.dataSource).execute((ConnectionCallback<String>) (connection) -> {
			var metaData = connection.getMetaData();
			return metaData.getDatabaseProductName() + " " + metaData.getDatabaseProductVersion() + " at "
					+ withoutQuery(metaData.getURL());
		});
		logger.info("Data directory: {}", this.properties.dataDir().toAbsolutePath().normalize());
		logger.info("Database: {}", database);
		if (!this.properties.admin().enabled()) {
			logger.warn("The admin API is disabled: set AUTHTOKEN_ADMIN_TOKEN to enable it");
		}
	}

	/**
	 * Drops URL parameters, which may carry a password.
	 */
	private static String withoutQuery(String url) {
		int end = url.length();
		for (char separator : new char[] { '?', ';' }) {
			int index = url.indexOf(separator);
			if (index >= 0) {
				end = Math.min(end, index);
			}
		}
		return url.substring(0, end);
	}

}
