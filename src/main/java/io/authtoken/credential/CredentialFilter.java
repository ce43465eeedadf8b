package io.authtoken.credential;

/**
 * Filter of the credentials that {@code GET /admin/credentials} lists.
 *
 * @param status only credentials with this status, or {@code null} for any
 * @param namePrefix only credentials whose name starts with this text, compared case
 * sensitively, or {@code null} for any
 */
record CredentialFilter(CredentialStatus status, String namePrefix) {

	static final CredentialFilter ALL = new CredentialFilter(null, null);

}
