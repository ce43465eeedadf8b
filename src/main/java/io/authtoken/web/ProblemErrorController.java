package io.authtoken.web;

import java.io.IOException;
import java.util.List;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Renders errors raised outside Spring MVC, by the servlet container or a filter, as
 * problem details instead of Spring Boot's default error body.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

	private final ProblemWriter problemWriter;

	ProblemErrorController(ProblemWriter problemWriter) {
		this.problemWriter = problemWriter;
	}

	@RequestMapping("/error")
	void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
		ApiException apiException = findApiException(request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
		if (apiException != null) {
			this.problemWriter.write(request, response, apiException);
			return;
		}
		ErrorCode errorCode = ErrorCode.forStatus(status(request));
		this.problemWriter.write(request, response, errorCode, errorCode.title() + ".", List.of());
	}

	/**
	 * Finds an {@link ApiException} that the container wrapped, as it does for one thrown
	 * while handling a CORS preflight request.
	 */
	private static ApiException findApiException(Object error) {
		for (Throwable cause = (error instanceof Throwable throwable) ? throwable : null; cause != null; cause = cause
			.getCause()) {
			if (cause instanceof ApiException apiException) {
				return apiException;
			}
		}
		return null;
	}

	/**
	 * Returns the status the container set, or 404 when a client requested {@code /error}
	 * itself.
	 */
	private static int status(HttpServletRequest request) {
		Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		return (status instanceof Integer code) ? code : 404;
	}

}
