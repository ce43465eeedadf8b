package io.authtoken.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import io.authtoken.config.AuthTokenProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Applies the CORS protocol of the Fetch standard before any controller runs. Pages on
 * the origins in {@code authtoken.cors.allowed-origins} may call {@code POST /token} and
 * {@code POST /token/refresh} and load {@code GET /authtoken-client.js}. Every other
 * cross-origin request, preflight or actual, is rejected with a 403 problem detail and
 * without CORS headers. That covers every path not named here, and the admin API whatever
 * the setting, so that no page on another origin can use an admin token. Requests without
 * an {@code Origin} header, or from the service's own origin, pass unchanged.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class CorsPolicyFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(CorsPolicyFilter.class);

	/** How long a browser may reuse a preflight result before it sends another. */
	private static final long PREFLIGHT_MAX_AGE_SECONDS = 3600;

	/**
	 * Headers a page may send beyond the CORS-safelisted ones: {@code Content-Type}
	 * because {@code application/json} is not safelisted, {@code Accept} for clients that
	 * set it.
	 */
	private static final List<String> ALLOWED_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT);

	private final Map<String, CorsConfiguration> configurations;

	private final ProblemWriter problemWriter;

	private final DefaultCorsProcessor processor = new HeadersOnlyCorsProcessor();

	CorsPolicyFilter(AuthTokenProperties properties, ProblemWriter problemWriter) {
		List<String> origins = properties.cors().allowedOrigins();
		CorsConfiguration tokenEndpoint = configuration(origins, HttpMethod.POST);
		CorsConfiguration clientModule = configuration(origins, HttpMethod.GET, HttpMethod.HEAD);
		this.configurations = Map.of("/token", tokenEndpoint, "/token/refresh", tokenEndpoint, "/authtoken-client.js",
				clientModule);
		this.problemWriter = problemWriter;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		if (origin == null) {
			chain.doFilter(request, response);
			return;
		}
		if (!isParsable(origin)) {
			reject(request, response, "The Origin header is not a valid origin.");
			return;
		}
		if (!CorsUtils.isCorsRequest(request)) {
			chain.doFilter(request, response);
			return;
		}

		String path = RequestPaths.applicationPath(request);
		CorsConfiguration configuration = this.configurations.get(path);
		if (configuration == null) {
			reject(request, response, unsupportedPathDetail(path));
			return;
		}
		if (!this.processor.processRequest(configuration, request, response)) {
			reject(request, response, rejectionDetail(configuration, request));
			return;
		}
		if (CorsUtils.isPreFlightRequest(request)) {
			response.setStatus(HttpServletResponse.SC_NO_CONTENT);
			return;
		}
		chain.doFilter(request, response);
	}

	private void reject(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
		logger.debug("Rejected cross-origin {} {}: {}", request.getMethod(), request.getRequestURI(), detail);
		this.problemWriter.write(request, response, ErrorCode.CORS_REQUEST_REJECTED, detail, List.of());
	}

	private static CorsConfiguration configuration(List<String> origins, HttpMethod... methods) {
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOrigins(origins);
		for (HttpMethod method : methods) {
			configuration.addAllowedMethod(method);
		}
		configuration.setAllowedHeaders(ALLOWED_HEADERS);
		configuration.addExposedHeader(HttpHeaders.RETRY_AFTER);
		configuration.setAllowCredentials(false);
		configuration.setMaxAge(PREFLIGHT_MAX_AGE_SECONDS);
		return configuration;
	}

	private static boolean isParsable(String origin) {
		try {
			UriComponentsBuilder.fromUriString(origin).build();
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static String unsupportedPathDetail(String path) {
		if (path.equals("/admin") || path.startsWith("/admin/")) {
			return "The admin API does not accept cross-origin requests; call it from a server, "
					+ "or from Swagger UI on this service's own origin.";
		}
		return "This path does not accept cross-origin requests.";
	}

	/**
	 * Names the check that the processor failed, in the order it runs them.
	 */
	private static String rejectionDetail(CorsConfiguration configuration, HttpServletRequest request) {
		if (configuration.checkOrigin(request.getHeader(HttpHeaders.ORIGIN)) == null) {
			return "The Origin header names an origin that is not in authtoken.cors.allowed-origins.";
		}
		boolean preflight = CorsUtils.isPreFlightRequest(request);
		String method = preflight ? request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) : request.getMethod();
		if (method.isBlank() || configuration.checkHttpMethod(HttpMethod.valueOf(method)) == null) {
			return "Cross-origin requests to this path must use "
					+ String.join(" or ", configuration.getAllowedMethods()) + ".";
		}
		return "Cross-origin requests may send only the headers " + String.join(" and ", ALLOWED_HEADERS)
				+ " beyond the CORS-safelisted ones.";
	}

	/**
	 * Sets the CORS response headers but leaves a rejection to the filter, which writes a
	 * problem detail instead of Spring's plain-text body.
	 */
	private static final class HeadersOnlyCorsProcessor extends DefaultCorsProcessor {

		@Override
		protected void rejectRequest(ServerHttpResponse response) {
		}

	}

}
