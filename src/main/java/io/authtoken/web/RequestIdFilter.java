package io.authtoken.web;

import java.io.IOException;
import java.util.UUID;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the incoming {@code X-Request-Id} when it is 1 to
 * {@value #MAX_LENGTH} characters of {@code A-Z a-z 0-9 . _ -}, or else a new random
 * UUID. The id is echoed in the response header, put in the SLF4J MDC under
 * {@value #MDC_KEY} for every log line of the request, and added to problem details. Any
 * other incoming value is replaced rather than logged, so a client cannot inject text
 * into the logs.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter extends OncePerRequestFilter {

	/** The request and response header. */
	public static final String HEADER = "X-Request-Id";

	/** The MDC key, and the member name in JSON log lines. */
	public static final String MDC_KEY = "requestId";

	/** Maximum length of an incoming id that is kept. */
	public static final int MAX_LENGTH = 64;

	private static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".requestId";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String requestId = requestId(request);
		request.setAttribute(ATTRIBUTE, requestId);
		response.setHeader(HEADER, requestId);
		MDC.put(MDC_KEY, requestId);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(MDC_KEY);
		}
	}

	/**
	 * Runs for the error dispatch too, which the container makes after this filter has
	 * returned from the original dispatch, so that the error page keeps the same id.
	 */
	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	/**
	 * Returns the id of a request that passed this filter, or {@code null} for one that
	 * did not.
	 */
	static String get(HttpServletRequest request) {
		Object requestId = request.getAttribute(ATTRIBUTE);
		return (requestId instanceof String value) ? value : null;
	}

	private static String requestId(HttpServletRequest request) {
		String existing = get(request);
		if (existing != null) {
			return existing;
		}
		String incoming = request.getHeader(HEADER);
		return isValid(incoming) ? incoming : generate();
	}

	static String generate() {
		return UUID.randomUUID().toString();
	}

	static boolean isValid(String requestId) {
		if (requestId == null || requestId.isEmpty() || requestId.length() > MAX_LENGTH) {
			return false;
		}
		for (int i = 0; i < requestId.length(); i++) {
			char c = requestId.charAt(i);
			boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.'
					|| c == '_' || c == '-';
			if (!allowed) {
				return false;
			}
		}
		return true;
	}

}
