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
		ErrorCode errorCode = ErrorCode.forStatus(status(request));
		if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof ApiException apiException) {
			this.problemWriter.write(request, response, apiException);
			return;
		}
		this.problemWriter.write(request, response, errorCode, errorCode.title() + ".", List.of());
	}

	private static int status(HttpServletRequest request) {
		Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		return (status instanceof Integer code) ? code : 500;
	}

}
