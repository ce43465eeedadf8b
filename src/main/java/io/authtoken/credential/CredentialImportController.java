package io.authtoken.credential;

import io.authtoken.audit.AuditLog;
import io.authtoken.web.ErrorCode;
import io.authtoken.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /admin/credentials/import}: imports credentials that the gateway already
 * has. The admin authorization interceptor checks the admin token before this runs.
 */
@RestController
@Tag(name = "Admin: credentials")
@SecurityRequirement(name = "adminToken")
@ProblemResponses({ ErrorCode.ADMIN_TOKEN_INVALID, ErrorCode.ADMIN_API_DISABLED })
class CredentialImportController {

	private final CredentialImporter importer;

	private final AuditLog audit;

	CredentialImportController(CredentialImporter importer, AuditLog audit) {
		this.importer = importer;
		this.audit = audit;
	}

	@PostMapping(path = "/admin/credentials/import", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Import credentials from a list or a Kong Admin API response",
			description = "The body is a JSON array of {key, secret, name, tokenFormat}, or the Kong Admin API list of "
					+ "JWT credentials {data: [{key, secret, algorithm, consumer: {id}}], next}, up to 1 MiB. "
					+ "Importing again changes nothing. Entries that are not HS256 are skipped.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
					schema = @Schema(description = "A JSON array of credentials, or a Kong list of JWT credentials",
							example = "[{\"key\": \"billing-frontend-key\", \"secret\": "
									+ "\"a-secret-of-at-least-thirty-two-bytes\", \"name\": \"billing-frontend\"}]"))))
	@ProblemResponses({ ErrorCode.INVALID_REQUEST, ErrorCode.UNSUPPORTED_MEDIA_TYPE, ErrorCode.PAYLOAD_TOO_LARGE })
	ImportResult importCredentials(@RequestBody ImportDocument document,
			@Parameter(description = "Replace the secret of an existing key whose secret differs, instead of "
					+ "reporting a conflict") @RequestParam(defaultValue = "false") boolean overwrite) {
		return this.importer.importAll(document, overwrite, this.audit.adminActor());
	}

}
