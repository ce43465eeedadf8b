package io.authtoken.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rejects request paths with a raw {@code ;}. The servlet container treats what follows
 * it as a path parameter and drops it, so {@code DELETE /admin/credentials/team;eu} would
 * delete the credential {@code team}. A key that contains {@code ;} must be sent as
 * {@code %3B}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 6)
class PathParameterFilter extends OncePerRequestFilter {

	private final ProblemWriter problemWriter;

	PathParameterFilter(ProblemWriter problemWriter) {
		this.problemWriter = problemWriter;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getRequestURI().indexOf(';') >= 0) {
			this.problemWriter.write(request, response, ErrorCode.INVALID_REQUEST,
					"The path contains ';'. Percent-encode it as %3B, for example in a credential key.", List.of());
			return;
		}
		chain.doFilter(request, response);
	}

}
