package io.authtoken.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.authtoken.credential.CredentialRules;
import io.authtoken.web.ApiException;
import io.authtoken.web.ErrorCode;
import io.authtoken.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/audit}: pages through the audit trail. The admin authorization
 * interceptor checks the admin token before this runs.
 */
@RestController
@Tag(name = "Admin: audit", description = "Read the audit trail (admin token required)")
@SecurityRequirement(name = "adminToken")
@ProblemResponses({ ErrorCode.ADMIN_TOKEN_INVALID, ErrorCode.ADMIN_API_DISABLED })
class AdminAuditController {

	private static final Instant LATEST_SINCE = Instant.parse("9999-12-31T23:59:59Z");

	private final AuditStore store;

	AdminAuditController(AuditStore store) {
		this.store = store;
	}

	@GetMapping("/admin/audit")
	@Operation(summary = "List audit events, oldest first",
			description = "Filter by credential key, event type and start time. Events never contain secrets or tokens.")
	@ProblemResponses(ErrorCode.INVALID_REQUEST)
	AuditPageResponse list(
			@Parameter(description = "Only events about this credential key") @RequestParam(
					required = false) String key,
			@Parameter(description = "Only events of this type, such as secret_rotated") @RequestParam(
					required = false) String type,
			@Parameter(
					description = "Only events at or after this time, ISO-8601 such as 2026-01-31T00:00:00Z") @RequestParam(
							required = false) String since,
			@Parameter(description = "Zero-based page number") @RequestParam(
					defaultValue = "0") @Min(0) @Max(1_000_000) int page,
			@Parameter(description = "Page size, 1 to 200") @RequestParam(
					defaultValue = "50") @Min(1) @Max(200) int size) {
		if (key != null && !key.isEmpty() && !CredentialRules.isValidKey(key)) {
			throw ApiException.invalidField("key", "must be 1 to " + CredentialRules.MAX_KEY_LENGTH
					+ " printable ASCII characters without whitespace");
		}
		AuditFilter filter = new AuditFilter(blankToNull(key), parseType(type), parseSince(since));

		long total = this.store.count(filter);
		List<AuditEvent> items = this.store.list(filter, Math.multiplyExact(page, size), size);

		return new AuditPageResponse(items, page, size, total, (total + size - 1) / size);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

	private static AuditEventType parseType(String type) {
		if (type == null || type.isEmpty()) {
			return null;
		}
		AuditEventType parsed = AuditEventType.fromCode(type);
		if (parsed == null) {
			throw ApiException.invalidField("type", "must be one of " + AuditEventType.allCodes());
		}
		return parsed;
	}

	private static Instant parseSince(String since) {
		if (since == null || since.isEmpty()) {
			return null;
		}
		Instant parsed;
		try {
			parsed = Instant.parse(since);
		}
		catch (DateTimeParseException ex) {
			parsed = null;
		}
		// The same range as a credential's expiresAt, so no database meets an unusual
		// year.
		if (parsed == null || parsed.isBefore(Instant.EPOCH) || parsed.isAfter(LATEST_SINCE)) {
			throw ApiException.invalidField("since",
					"must be an ISO-8601 instant from 1970 to 9999, such as 2026-01-31T00:00:00Z");
		}
		return parsed;
	}

}
