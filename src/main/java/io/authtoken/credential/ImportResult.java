package io.authtoken.credential;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Response of {@code POST /admin/credentials/import}: how many entries had each outcome,
 * and the outcome of each entry. It never contains a secret.
 *
 * @param created entries stored as new credentials
 * @param unchanged entries whose key exists with the same secret
 * @param overwritten entries whose key existed with another secret, replaced because
 * overwriting was requested
 * @param conflicting entries whose key exists with another secret, left as stored
 * @param skipped entries not imported because they are malformed, invalid or not HS256
 * @param entries the outcome of each entry, in document order
 * @param next the Kong list's {@code next} page, which still has to be imported, or
 * {@code null}
 */
@Schema(description = "Counts per outcome, and each entry's key and outcome")
public record ImportResult(int created, int unchanged, int overwritten, int conflicting, int skipped,
		List<EntryResult> entries, @Schema(nullable = true) String next) {

	static ImportResult of(List<EntryResult> entries, String next) {
		return new ImportResult(count(entries, Outcome.CREATED), count(entries, Outcome.UNCHANGED),
				count(entries, Outcome.OVERWRITTEN), count(entries, Outcome.CONFLICTING),
				count(entries, Outcome.SKIPPED), entries, next);
	}

	private static int count(List<EntryResult> entries, Outcome outcome) {
		return (int) entries.stream().filter((entry) -> entry.outcome() == outcome).count();
	}

	/**
	 * The outcome of one entry.
	 *
	 * @param index position in the document, from zero
	 * @param key the entry's key, or {@code null} when it has no valid key
	 * @param outcome what happened to it
	 * @param reason why it was skipped or is in conflict, or {@code null}
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record EntryResult(int index, String key, Outcome outcome, String reason) {

	}

	/**
	 * The outcome of importing one entry.
	 */
	public enum Outcome {

		CREATED, UNCHANGED, OVERWRITTEN, CONFLICTING, SKIPPED;

		@JsonValue
		public String value() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
