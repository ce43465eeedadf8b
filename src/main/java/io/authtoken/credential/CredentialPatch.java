package io.authtoken.credential;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

import io.authtoken.web.ApiException;
import io.authtoken.web.ErrorCode;
import io.authtoken.web.FieldViolation;

/**
 * Body of {@code PATCH /admin/credentials/{key}}, a JSON merge patch (RFC 7396): a member
 * that is absent stays as it is, a member set to {@code null} is removed, and any other
 * value replaces the stored one. Only {@code expiresAt} and {@code tokenTtl} can be
 * removed. A member that PATCH cannot change is an error rather than ignored, so that a
 * typing mistake does not pass for success. {@link #toString()} names the members without
 * their values, because a mistaken body may hold a secret.
 *
 * @param body the body as sent
 */
@Schema(type = "object",
		description = "Members to change: name, tokenFormat, expiresAt, tokenTtl; null removes expiresAt or tokenTtl",
		example = "{\"name\": \"billing-frontend\", \"expiresAt\": \"2027-01-31T00:00:00Z\", \"tokenTtl\": null}")
record CredentialPatch(@Schema(hidden = true) JsonNode body) {

	private static final Set<String> FIELDS = Set.of("name", "tokenFormat", "expiresAt", "tokenTtl");

	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	CredentialPatch {
	}

	/**
	 * Checks the patch and returns the changes it requests.
	 * @param maxTtl the longest token lifetime allowed
	 * @throws ApiException {@code invalid_request} naming each member at fault
	 */
	CredentialChanges changes(Duration maxTtl) {
		JsonNode body = this.body;
		if (body == null || !body.isObject()) {
			throw new ApiException(ErrorCode.INVALID_REQUEST, "The request body must be a JSON object.");
		}
		List<FieldViolation> violations = new ArrayList<>();
		for (Map.Entry<String, JsonNode> member : body.properties()) {
			if (!FIELDS.contains(member.getKey())) {
				violations.add(new FieldViolation(member.getKey(),
						"cannot be changed with PATCH; it can change name, " + "tokenFormat, expiresAt and tokenTtl"));
			}
		}
		String name = text(body, "name", false, violations);
		if (name != null) {
			CredentialRules.checkName(name, violations);
		}
		TokenFormat tokenFormat = tokenFormat(text(body, "tokenFormat", false, violations), violations);
		Instant expiresAt = CredentialRules.parseExpiresAt(text(body, "expiresAt", true, violations), violations);
		Duration tokenTtl = CredentialRules.parseTokenTtl(text(body, "tokenTtl", true, violations), maxTtl, violations);
		CredentialRules.throwIfAny(violations);
		return new CredentialChanges((name != null) ? name.strip() : null, tokenFormat, body.has("expiresAt"),
				expiresAt, body.has("tokenTtl"), tokenTtl);
	}

	/**
	 * Reads a string member.
	 * @param removable whether {@code null} is allowed, meaning remove
	 * @return the value, or {@code null} when the member is absent, null or invalid
	 */
	private static String text(JsonNode body, String field, boolean removable, List<FieldViolation> violations) {
		JsonNode value = body.get(field);
		if (value == null || (value.isNull() && removable)) {
			return null;
		}
		if (value.isNull()) {
			violations.add(new FieldViolation(field, "cannot be removed; leave it out to keep it"));
			return null;
		}
		if (!value.isString()) {
			violations.add(new FieldViolation(field, "has the wrong type"));
			return null;
		}
		return value.asString();
	}

	@Override
	public String toString() {
		return "CredentialPatch" + ((this.body != null && this.body.isObject()) ? this.body.propertyNames() : "[]");
	}

	private static TokenFormat tokenFormat(String value, List<FieldViolation> violations) {
		if (value == null) {
			return null;
		}
		for (TokenFormat format : TokenFormat.values()) {
			if (format.value().equals(value)) {
				return format;
			}
		}
		violations.add(new FieldViolation("tokenFormat", "must be standard or legacy"));
		return null;
	}

}
