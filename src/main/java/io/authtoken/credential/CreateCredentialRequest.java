package io.authtoken.credential;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Body of {@code POST /admin/credentials}. Leave out {@code key} and {@code secret} to
 * have them generated; give both to import a credential the gateway already has.
 */
@Schema(description = "A credential to create or import")
public record CreateCredentialRequest(
		@Schema(description = "Free text naming the consumer", example = "billing-frontend",
				requiredMode = Schema.RequiredMode.REQUIRED, maxLength = CredentialRules.MAX_NAME_LENGTH) String name,
		@Schema(description = "1 to 128 printable ASCII characters without whitespace; generated when absent",
				example = "398e54e888da42f8d089je28c298o42b", maxLength = CredentialRules.MAX_KEY_LENGTH) String key,
		@Schema(description = "At least 32 bytes of UTF-8; 256 random bits are generated when absent",
				example = "07c6e2t1rb92987fnrd705jkk8582p9e") String secret,
		@Schema(description = "Shape of the issued tokens", defaultValue = "standard") TokenFormat tokenFormat,
		@Schema(description = "ISO-8601 instant after which the credential issues and refreshes nothing; "
				+ "absent means never", example = "2027-01-31T00:00:00Z", nullable = true) String expiresAt,
		@Schema(description = "ISO-8601 lifetime of its standard tokens, at most authtoken.token.max-ttl; "
				+ "absent means authtoken.token.ttl", example = "PT15M", nullable = true) String tokenTtl) {

	@Override
	public String toString() {
		return "CreateCredentialRequest[name=" + this.name + ", key=" + this.key + ", tokenFormat=" + this.tokenFormat
				+ ", expiresAt=" + this.expiresAt + ", tokenTtl=" + this.tokenTtl + "]";
	}

}
