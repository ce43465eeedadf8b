package io.authtoken.audit;

import java.util.List;

/**
 * One page of {@code GET /admin/audit}.
 *
 * @param items the events on this page, oldest first
 * @param page zero-based page number
 * @param size requested page size
 * @param totalItems number of matching events in all pages
 * @param totalPages number of pages of this size
 */
public record AuditPageResponse(List<AuditEvent> items, int page, int size, long totalItems, long totalPages) {

}
