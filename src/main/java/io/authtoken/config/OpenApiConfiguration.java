package io.authtoken.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Describes the API for {@code /v3/api-docs} and Swagger UI, including the bearer scheme
 * that the admin endpoints require.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI authTokenOpenApi() {
		SecurityScheme adminToken = new SecurityScheme().type(SecurityScheme.Type.HTTP)
			.scheme("bearer")
			.description("The admin token configured in AUTHTOKEN_ADMIN_TOKEN");
		return new OpenAPI()
			.info(new Info().title("authtoken-service")
				.version("0.1.0")
				.description("Issues and refreshes HS256 JWT auth tokens for API gateway credentials. "
						+ "Register a credential under Admin, then exchange its key and secret at POST /token."))
			.components(new Components().addSecuritySchemes("adminToken", adminToken));
	}

}
