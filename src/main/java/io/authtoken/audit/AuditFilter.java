package io.authtoken.audit;

import java.time.Instant;

/**
 * Filter of the audit events that {@code GET /admin/audit} lists. A {@code null} member
 * matches any event.
 *
 * @param key only events about this credential
 * @param type only events of this type
 * @param since only events at or after this time
 */
record AuditFilter(String key, AuditEventType type, Instant since) {

}
