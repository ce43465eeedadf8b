package io.authtoken.credential;

import tools.jackson.databind.JsonNode;

/**
 * One credential of an import document, as given. {@link #toString()} leaves the secret
 * out.
 *
 * @param index position in the document, from zero
 * @param key the {@code key} member, or {@code null} when absent or not a string
 * @param secret the {@code secret} member, or {@code null} when absent or not a string
 * @param name the {@code name} member, else the Kong consumer id, else {@code null}
 * @param tokenFormat the {@code tokenFormat} member, or {@code null}
 * @param algorithm the Kong {@code algorithm} member, or {@code null} when absent
 * @param malformed why the entry cannot be read, or {@code null} when it can
 */
record ImportEntry(int index, String key, String secret, String name, String tokenFormat, String algorithm,
		String malformed) {

	static ImportEntry parse(int index, JsonNode entry) {
		if (entry == null || !entry.isObject()) {
			return new ImportEntry(index, null, null, null, null, null, "the entry is not a JSON object");
		}
		String name = text(entry, "name");
		JsonNode consumer = entry.get("consumer");
		if (name == null && consumer != null && consumer.isObject()) {
			name = text(consumer, "id");
		}
		String malformed = null;
		for (String member : new String[] { "key", "secret", "name", "tokenFormat", "algorithm" }) {
			JsonNode value = entry.get(member);
			if (value != null && !value.isNull() && !value.isString()) {
				malformed = member + " is not a string";
			}
		}
		return new ImportEntry(index, text(entry, "key"), text(entry, "secret"), name, text(entry, "tokenFormat"),
				text(entry, "algorithm"), malformed);
	}

	private static String text(JsonNode node, String member) {
		JsonNode value = node.get(member);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	@Override
	public String toString() {
		return "ImportEntry[index=" + this.index + ", key=" + this.key + "]";
	}

}
