package io.authtoken.refresh;

/**
 * A token given to refresh whose structure passed every check, before its signature is
 * verified: nothing in it is trusted yet.
 *
 * @param signingInput the header and payload segments as received, joined by a dot
 * @param signature the decoded signature segment
 * @param issuer the {@code iss} claim, the credential key
 * @param expiresAt the {@code exp} claim in epoch seconds, or {@code null} when the token
 * carries {@code "exp": null} as legacy tokens do
 * @param issuedAt the {@code iat} claim in epoch seconds, or {@code null} when absent or
 * null
 * @param jti the {@code jti} claim, or {@code null} when absent
 * @param chainId the {@code sid} claim, or {@code null} when absent
 * @param chainStartedAt the {@code auth_time} claim in epoch seconds, or {@code null}
 * when absent or null
 */
record ParsedToken(String signingInput, byte[] signature, String issuer, Long expiresAt, Long issuedAt, String jti,
		String chainId, Long chainStartedAt) {

	@Override
	public String toString() {
		return "ParsedToken[issuer=" + this.issuer + ", jti=" + this.jti + "]";
	}

}
