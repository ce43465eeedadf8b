package io.authtoken.credential;

import java.util.List;

/**
 * One page of {@code GET /admin/credentials}.
 *
 * @param items the credentials on this page, oldest first
 * @param page zero-based page number
 * @param size requested page size
 * @param totalItems number of credentials in all pages
 * @param totalPages number of pages of this size
 */
public record CredentialPageResponse(List<CredentialResponse> items, int page, int size, long totalItems,
		long totalPages) {

}
