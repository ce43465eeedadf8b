package io.authtoken.web;

import io.authtoken.config.AuthTokenProperties;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Registers the admin authorization check on every {@code /admin} path.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	private final AuthTokenProperties properties;

	WebConfiguration(AuthTokenProperties properties) {
		this.properties = properties;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new AdminAuthorizationInterceptor(this.properties.admin()))
			.addPathPatterns("/admin", "/admin/**");
	}

}
