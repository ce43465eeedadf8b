package io.authtoken.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

/**
 * Adds the error responses named by {@link ProblemResponses} to the OpenAPI description,
 * one per status, each with a {@link Problem} schema and an example per error code. Every
 * operation also gets the errors any request can meet, such as a malformed body.
 */
@Component
class ProblemResponsesCustomizer implements OperationCustomizer, OpenApiCustomizer {

	private static final String SCHEMA_REF = "#/components/schemas/Problem";

	@Override
	public Operation customize(Operation operation, HandlerMethod handlerMethod) {
		List<ErrorCode> codes = new ArrayList<>();
		addCodes(codes,
				AnnotatedElementUtils.findMergedAnnotation(handlerMethod.getBeanType(), ProblemResponses.class));
		addCodes(codes, handlerMethod.getMethodAnnotation(ProblemResponses.class));
		if (codes.isEmpty()) {
			return operation;
		}
		Map<Integer, MediaType> byStatus = new LinkedHashMap<>();
		for (ErrorCode code : codes) {
			MediaType mediaType = byStatus.computeIfAbsent(code.status().value(),
					(status) -> new MediaType().schema(new Schema<>().$ref(SCHEMA_REF)));
			mediaType.addExamples(code.code(), new Example().summary(code.title()).value(example(code)));
		}
		ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
		byStatus.forEach((status, mediaType) -> responses.addApiResponse(String.valueOf(status),
				new ApiResponse().description(descriptionOf(status, codes))
					.content(new Content().addMediaType(ProblemWriter.PROBLEM_JSON, mediaType))));
		return operation.responses(responses);
	}

	@Override
	public void customise(io.swagger.v3.oas.models.OpenAPI openApi) {
		if (openApi.getComponents() == null) {
			openApi.setComponents(new Components());
		}
		ModelConverters.getInstance().readAll(Problem.class).forEach(openApi.getComponents()::addSchemas);
	}

	private static void addCodes(List<ErrorCode> codes, ProblemResponses annotation) {
		if (annotation != null) {
			for (ErrorCode code : annotation.value()) {
				if (!codes.contains(code)) {
					codes.add(code);
				}
			}
		}
	}

	private static String descriptionOf(int status, List<ErrorCode> codes) {
		return String.join(", ",
				codes.stream().filter((code) -> code.status().value() == status).map(ErrorCode::code).toList());
	}

	private static Map<String, Object> example(ErrorCode code) {
		Map<String, Object> example = new LinkedHashMap<>();
		example.put("type", code.type().toString());
		example.put("title", code.title());
		example.put("status", code.status().value());
		example.put("detail", code.title() + ".");
		example.put("instance", "/path");
		example.put("code", code.code());
		example.put("requestId", "0b5f3d0e-6a4f-4c1e-9b0e-3c2d8f7a1e55");
		return example;
	}

}
