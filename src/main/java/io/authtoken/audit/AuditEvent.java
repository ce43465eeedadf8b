package io.authtoken.audit;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One entry of the audit trail. It never contains a secret or a token.
 *
 * @param id increasing number that orders events recorded in the same microsecond
 * @param occurredAt when the event happened
 * @param type what happened
 * @param actor the configured admin name for admin API calls, or {@code system}
 * @param key the credential concerned, or {@code null} for an event about no single
 * credential
 * @param outcome how it ended
 * @param detail a short description, or {@code null}
 */
@Schema(description = "An audit event")
public record AuditEvent(long id, Instant occurredAt, AuditEventType type, String actor,
		@Schema(nullable = true) String key, AuditOutcome outcome, @Schema(nullable = true) String detail) {

}
