package io.authtoken.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Writes problem detail responses straight to the servlet response. Filters, the error
 * controller and the exception handlers all use it, so every error has the same shape
 * whatever the client sent in {@code Accept}, and every rejected token request is counted
 * here.
 */
@Component
public final class ProblemWriter {

	static final String PROBLEM_JSON = "application/problem+json";

	private static final String ERROR_REQUEST_URI = "jakarta.servlet.error.request_uri";

	private final JsonMapper jsonMapper;

	private final TokenMetrics metrics;

	public ProblemWriter(JsonMapper jsonMapper, TokenMetrics metrics) {
		this.jsonMapper = jsonMapper;
		this.metrics = metrics;
	}

	public void write(HttpServletRequest request, HttpServletResponse response, ApiException exception)
			throws IOException {
		if (exception.retryAfter() != null) {
			// Whole seconds, rounded up, as RFC 9110 section 10.2.3 requires.
			long seconds = Math.max(1, (exception.retryAfter().toMillis() + 999) / 1000);
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		}
		write(request, response, exception.errorCode(), exception.getMessage(), exception.violations());
	}

	public void write(HttpServletRequest request, HttpServletResponse response, ErrorCode errorCode, String detail,
			List<FieldViolation> violations) throws IOException {
		String instance = instance(request);
		Problem problem = Problem.of(errorCode, detail, instance, RequestIdFilter.get(request), violations);
		byte[] body = this.jsonMapper.writeValueAsBytes(problem);
		if (response.isCommitted()) {
			return;
		}
		TokenMetrics.Endpoint endpoint = TokenMetrics.Endpoint.forPath(instance);
		if (endpoint != null) {
			this.metrics.rejected(endpoint, errorCode);
		}
		response.resetBuffer();
		response.setStatus(errorCode.status().value());
		response.setContentType(PROBLEM_JSON);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		response.flushBuffer();
	}

	private static String instance(HttpServletRequest request) {
		Object original = request.getAttribute(ERROR_REQUEST_URI);
		return (original instanceof String uri) ? uri : request.getRequestURI();
	}

}
