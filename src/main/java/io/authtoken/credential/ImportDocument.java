package io.authtoken.credential;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import tools.jackson.databind.JsonNode;

import io.authtoken.web.ApiException;
import io.authtoken.web.ErrorCode;

/**
 * Credentials to import, in either accepted shape: a JSON array of {@code {"key",
 * "secret", "name", "tokenFormat"}}, or the body that the Kong Admin API returns for its
 * list of JWT credentials, {@code {"data": [{"key", "secret", "algorithm", "consumer":
 * {"id"}}], "next": ...}}. {@link #toString()} leaves the entries out, so that no secret
 * reaches a log.
 *
 * @param entries the entries in document order
 * @param next the Kong list's {@code next} member: the page after this one, or
 * {@code null}
 */
record ImportDocument(List<ImportEntry> entries, String next) {

	/** Most entries accepted in one document. */
	static final int MAX_ENTRIES = 10_000;

	private static final String SHAPE = "The credentials to import must be a JSON array of credentials, or a Kong "
			+ "Admin API list of JWT credentials with a data array.";

	/**
	 * Reads a document.
	 * @throws ApiException {@code invalid_request} when the document has neither shape or
	 * too many entries; a malformed entry is not an error but is skipped on import
	 */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	static ImportDocument parse(JsonNode document) {
		JsonNode list = document;
		String next = null;
		if (document != null && document.isObject()) {
			list = document.get("data");
			JsonNode nextNode = document.get("next");
			next = (nextNode != null && nextNode.isString()) ? nextNode.asString() : null;
		}
		if (list == null || !list.isArray()) {
			throw new ApiException(ErrorCode.INVALID_REQUEST, SHAPE);
		}
		if (list.size() > MAX_ENTRIES) {
			throw new ApiException(ErrorCode.INVALID_REQUEST,
					"The import has " + list.size() + " entries; split it into parts of at most " + MAX_ENTRIES + ".");
		}
		List<ImportEntry> entries = new ArrayList<>(list.size());
		for (int i = 0; i < list.size(); i++) {
			entries.add(ImportEntry.parse(i, list.get(i)));
		}
		return new ImportDocument(List.copyOf(entries), next);
	}

	@Override
	public String toString() {
		return "ImportDocument[entries=" + this.entries.size() + ", next=" + (this.next != null) + "]";
	}

}
