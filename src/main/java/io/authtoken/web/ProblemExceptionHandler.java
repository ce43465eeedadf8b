package io.authtoken.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps every exception that reaches a controller to a problem detail. Client mistakes
 * become 4xx answers that name the field at fault; anything unexpected becomes a 500
 * whose body says nothing about the cause, which is logged instead.
 */
@RestControllerAdvice
class ProblemExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemExceptionHandler.class);

	private static final String RETRY_AFTER_SECONDS = "5";

	private final ProblemWriter problemWriter;

	ProblemExceptionHandler(ProblemWriter problemWriter) {
		this.problemWriter = problemWriter;
	}

	@ExceptionHandler(ApiException.class)
	void handleApiException(ApiException exception, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		logger.debug("Rejected {} {}: {} ({})", request.getMethod(), request.getRequestURI(),
				exception.errorCode().code(), exception.getMessage());
		this.problemWriter.write(request, response, exception);
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	void handleNotReadable(HttpMessageNotReadableException exception, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		this.problemWriter.write(request, response, toApiException(exception));
	}

	@ExceptionHandler(MethodArgumentNotValidException.class)
	void handleNotValid(MethodArgumentNotValidException exception, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		List<FieldViolation> violations = new ArrayList<>();
		for (FieldError error : exception.getBindingResult().getFieldErrors()) {
			violations.add(new FieldViolation(error.getField(), error.getDefaultMessage()));
		}
		writeViolations(request, response, violations);
	}

	@ExceptionHandler(HandlerMethodValidationException.class)
	void handleMethodValidation(HandlerMethodValidationException exception, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		List<FieldViolation> violations = new ArrayList<>();
		exception.getParameterValidationResults()
			.forEach((result) -> result.getResolvableErrors()
				.forEach((error) -> violations.add(new FieldViolation(result.getMethodParameter().getParameterName(),
						error.getDefaultMessage()))));
		writeViolations(request, response, violations);
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	void handleMissingParameter(MissingServletRequestParameterException exception, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		this.problemWriter.write(request, response,
				ApiException.invalidField(exception.getParameterName(), "is required"));
	}

	/**
	 * Handles a query string the container cannot decode, such as a bad percent escape,
	 * which surfaces when parameters are first read.
	 */
	@ExceptionHandler(InvalidParameterException.class)
	void handleInvalidQuery(HttpServletRequest request, HttpServletResponse response) throws IOException {
		this.problemWriter.write(request, response, ErrorCode.INVALID_REQUEST,
				"The query string is not valid: check its percent-encoding.", List.of());
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	void handleTypeMismatch(MethodArgumentTypeMismatchException exception, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		this.problemWriter.write(request, response,
				ApiException.invalidField(exception.getName(), "has the wrong type"));
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	void handleMediaType(HttpMediaTypeNotSupportedException exception, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		String supported = exception.getSupportedMediaTypes()
			.stream()
			.map(Object::toString)
			.collect(Collectors.joining(", "));
		response.setHeader(HttpHeaders.ACCEPT, supported);
		this.problemWriter.write(request, response, ErrorCode.UNSUPPORTED_MEDIA_TYPE,
				"The request body must be sent as " + supported + ".", List.of());
	}

	@ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
	void handleNotAcceptable(HttpServletRequest request, HttpServletResponse response) throws IOException {
		this.problemWriter.write(request, response, ErrorCode.NOT_ACCEPTABLE,
				"This endpoint returns application/json; send an Accept header that allows it.", List.of());
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	void handleMethod(HttpRequestMethodNotSupportedException exception, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		if (exception.getSupportedHttpMethods() != null) {
			response.setHeader(HttpHeaders.ALLOW,
					exception.getSupportedHttpMethods()
						.stream()
						.map(Object::toString)
						.collect(Collectors.joining(", ")));
		}
		this.problemWriter.write(request, response, ErrorCode.METHOD_NOT_ALLOWED,
				"Method " + exception.getMethod() + " is not supported on this path.", List.of());
	}

	@ExceptionHandler(NoResourceFoundException.class)
	void handleNotFound(HttpServletRequest request, HttpServletResponse response) throws IOException {
		this.problemWriter.write(request, response, ErrorCode.NOT_FOUND, "No endpoint exists at this path.", List.of());
	}

	@ExceptionHandler({ CannotGetJdbcConnectionException.class, DataAccessResourceFailureException.class,
			TransientDataAccessException.class })
	void handleDatabaseUnavailable(Exception exception, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		logger.warn("Database unavailable during {} {}: {}", request.getMethod(), request.getRequestURI(),
				exception.getClass().getSimpleName());
		response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		this.problemWriter.write(request, response, ErrorCode.SERVICE_UNAVAILABLE,
				"The database is unavailable; retry after " + RETRY_AFTER_SECONDS + " seconds.", List.of());
	}

	@ExceptionHandler(Exception.class)
	void handleUnexpected(Exception exception, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		logger.error("Unexpected error during {} {}", request.getMethod(), request.getRequestURI(), exception);
		this.problemWriter.write(request, response, ErrorCode.INTERNAL_ERROR,
				"The service failed to process the request.", List.of());
	}

	private void writeViolations(HttpServletRequest request, HttpServletResponse response,
			List<FieldViolation> violations) throws IOException {
		String fields = violations.stream().map(FieldViolation::field).distinct().collect(Collectors.joining(", "));
		this.problemWriter.write(request, response, ErrorCode.INVALID_REQUEST, "Invalid field(s): " + fields + ".",
				violations);
	}

	/**
	 * Translates a body that could not be read into an error naming the field at fault.
	 * The Jackson message is never passed on, because it may quote the input.
	 */
	static ApiException toApiException(HttpMessageNotReadableException exception) {
		Throwable cause = exception.getCause();
		if (cause instanceof ApiException apiException) {
			return apiException;
		}
		if (cause instanceof JacksonException jackson && jackson.getCause() instanceof ApiException apiException) {
			return apiException;
		}
		if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
			String field = fieldPath(databind);
			if (databind instanceof UnrecognizedPropertyException) {
				return ApiException.invalidField(field, "is not a known field");
			}
			String message = (databind instanceof InvalidFormatException) ? "has an invalid value"
					: (databind instanceof MismatchedInputException) ? "has the wrong type" : "is invalid";
			return ApiException.invalidField(field, message);
		}
		if (cause instanceof MismatchedInputException mismatched && isTrailingContent(mismatched)) {
			return new ApiException(ErrorCode.INVALID_REQUEST, "The request body has content after its JSON object.");
		}
		if (cause instanceof MismatchedInputException) {
			return new ApiException(ErrorCode.INVALID_REQUEST, "The request body must be a JSON object.");
		}
		if (cause == null) {
			return new ApiException(ErrorCode.INVALID_REQUEST, "The request body is missing.");
		}
		return new ApiException(ErrorCode.INVALID_REQUEST, "The request body is not valid JSON.");
	}

	/**
	 * Tells whether Jackson rejected tokens after the complete value. Jackson 3 reports
	 * them with a plain {@link MismatchedInputException} whose message starts with
	 * "Trailing token", and no type of their own.
	 */
	private static boolean isTrailingContent(MismatchedInputException exception) {
		String message = exception.getOriginalMessage();
		return message != null && message.startsWith("Trailing token");
	}

	private static String fieldPath(DatabindException exception) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : exception.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? "body" : path.toString();
	}

}
