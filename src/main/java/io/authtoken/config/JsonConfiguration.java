package io.authtoken.config;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;

/**
 * Makes request body parsing strict: a member name given twice is an error instead of the
 * last one winning, nesting deeper than {@value #MAX_NESTING_DEPTH} levels is rejected,
 * and a number or boolean where a string belongs is a wrong type, not something to
 * convert.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

	/**
	 * Deepest nesting of arrays and objects accepted; request bodies are flat objects.
	 */
	static final int MAX_NESTING_DEPTH = 8;

	/**
	 * Replaces Spring Boot's JSON mapper builder with one on a stricter parser factory,
	 * then applies every customizer as Spring Boot would, so that the
	 * {@code spring.jackson.*} settings still work.
	 */
	@Bean
	@Scope("prototype")
	JsonMapper.Builder jsonMapperBuilder(List<JsonMapperBuilderCustomizer> customizers) {
		JsonFactory factory = JsonFactory.builder()
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
			.build();
		JsonMapper.Builder builder = JsonMapper.builder(factory);
		List<JsonMapperBuilderCustomizer> ordered = new ArrayList<>(customizers);
		AnnotationAwareOrderComparator.sort(ordered);
		ordered.forEach((customizer) -> customizer.customize(builder));
		return builder;
	}

	@Bean
	JsonMapperBuilderCustomizer strictCoercion() {
		return (builder) -> builder
			.withCoercionConfig(LogicalType.Textual,
					(config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Enum,
					(config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail));
	}

}
