package io.authtoken.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Adds {@code Cache-Control: no-store} and {@code X-Content-Type-Options: nosniff} to the
 * API's responses, because they carry tokens, secrets and credential data that no cache
 * may keep. Swagger UI's static files are left cacheable.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ResponseHeadersFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader("X-Content-Type-Options", "nosniff");
		if (!request.getRequestURI().startsWith("/swagger-ui/")) {
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		}
		chain.doFilter(request, response);
	}

}
