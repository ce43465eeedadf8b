package io.authtoken.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Request path helpers for filters, which run before Spring MVC decodes the path.
 */
final class RequestPaths {

	private RequestPaths() {
	}

	/**
	 * Returns the path within the application, decoded and without path parameters, as
	 * the servlet container maps it, so that {@code /%74oken} counts as {@code /token}
	 * just as it does when Spring MVC routes it.
	 */
	static String applicationPath(HttpServletRequest request) {
		String pathInfo = request.getPathInfo();
		return (pathInfo != null) ? request.getServletPath() + pathInfo : request.getServletPath();
	}

}
