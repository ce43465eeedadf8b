package io.authtoken.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Masking of passwords in the JDBC URL that a startup failure report shows.
 */
class DatabaseConnectionFailureAnalyzerTests {

	@Test
	void maskWhenPasswordInUrlThenHidden() {
		String[][] cases = {
				{ "jdbc:postgresql://db:5432/authtoken?user=a&password=s3cret&ssl=true",
						"jdbc:postgresql://db:5432/authtoken?user=a&password=******&ssl=true" },
				{ "jdbc:postgresql://a:s3cret@db:5432/authtoken", "jdbc:postgresql://a:******@db:5432/authtoken" },
				{ "jdbc:h2:file:/data/authtoken;USER=sa;PASSWORD=s3cret;MODE=PostgreSQL",
						"jdbc:h2:file:/data/authtoken;USER=sa;PASSWORD=******;MODE=PostgreSQL" },
				{ "jdbc:postgresql://db:5432/authtoken", "jdbc:postgresql://db:5432/authtoken" } };

		for (String[] testCase : cases) {
			assertThat(DatabaseConnectionFailureAnalyzer.mask(testCase[0])).isEqualTo(testCase[1]);
		}
	}

}
