package io.authtoken;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Issues and refreshes HS256 JWT auth tokens for API gateway credentials.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AuthTokenApplication {

	public static void main(String[] args) {
		SpringApplication.run(AuthTokenApplication.class, args);
	}

}
