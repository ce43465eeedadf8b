package io.authtoken.credential;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.authtoken.config.AuthTokenProperties;
import io.authtoken.web.ApiException;
import io.authtoken.web.ErrorCode;
import io.authtoken.web.FieldViolation;
import io.authtoken.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/**
 * The admin API for credentials. Every call needs {@code Authorization: Bearer} with the
 * configured admin token, which the admin authorization interceptor checks before any of
 * these methods run.
 */
@RestController
@RequestMapping("/admin/credentials")
@Tag(name = "Admin: credentials", description = "Register and manage credentials (admin token required)")
@SecurityRequirement(name = "adminToken")
@ProblemResponses({ ErrorCode.ADMIN_TOKEN_INVALID, ErrorCode.ADMIN_API_DISABLED, ErrorCode.CORS_REQUEST_REJECTED })
class AdminCredentialController {

	private static final String MAX_PAGE_SIZE = "200";

	private static final String MERGE_PATCH_JSON = "application/merge-patch+json";

	private final CredentialService service;

	private final Clock clock;

	private final Duration maxTtl;

	AdminCredentialController(CredentialService service, Clock clock, AuthTokenProperties properties) {
		this.service = service;
		this.clock = clock;
		this.maxTtl = properties.token().maxTtl();
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Create or import a credential",
			description = "Leave out key and secret to generate them. The response is the only one that shows the secret.")
	@ProblemResponses({ ErrorCode.INVALID_REQUEST, ErrorCode.UNSUPPORTED_MEDIA_TYPE, ErrorCode.PAYLOAD_TOO_LARGE,
			ErrorCode.CREDENTIAL_EXISTS })
	@ApiResponse(responseCode = "201", description = "Created; the Location header names the new credential",
			content = @Content(schema = @Schema(implementation = CreatedCredentialResponse.class)))
	ResponseEntity<CreatedCredentialResponse> create(@RequestBody CreateCredentialRequest request) {
		CreatedCredentialResponse created = this.service.create(request);
		URI location = URI.create("/admin/credentials/" + UriUtils.encode(created.key(), StandardCharsets.UTF_8));
		return ResponseEntity.created(location).body(created);
	}

	@GetMapping
	@Operation(summary = "List credentials, oldest first, without secrets",
			description = "Ordered by creation time, then key, so that pages do not overlap.")
	@ProblemResponses(ErrorCode.INVALID_REQUEST)
	CredentialPageResponse list(
			@Parameter(description = "Only credentials with this status: active or disabled") @RequestParam(
					required = false) String status,
			@Parameter(description = "Only credentials whose name starts with this text, case sensitive") @RequestParam(
					required = false) String namePrefix,
			@Parameter(description = "Zero-based page number") @RequestParam(
					defaultValue = "0") @Min(0) @Max(1_000_000) int page,
			@Parameter(description = "Page size, 1 to " + MAX_PAGE_SIZE) @RequestParam(
					defaultValue = "50") @Min(1) @Max(200) int size) {
		return this.service.list(filter(status, namePrefix), page, size);
	}

	@GetMapping("/{key}")
	@Operation(summary = "Show one credential, without its secret")
	@ProblemResponses(ErrorCode.CREDENTIAL_NOT_FOUND)
	CredentialResponse get(@PathVariable String key) {
		return response(this.service.get(key));
	}

	@PatchMapping(path = "/{key}", consumes = { MediaType.APPLICATION_JSON_VALUE, MERGE_PATCH_JSON })
	@Operation(summary = "Change name, tokenFormat, expiresAt or tokenTtl",
			description = "A JSON merge patch: absent members stay, null removes expiresAt or tokenTtl.")
	@ProblemResponses({ ErrorCode.INVALID_REQUEST, ErrorCode.UNSUPPORTED_MEDIA_TYPE, ErrorCode.PAYLOAD_TOO_LARGE,
			ErrorCode.CREDENTIAL_NOT_FOUND })
	CredentialResponse update(@PathVariable String key, @RequestBody CredentialPatch patch) {
		CredentialChanges changes = patch.changes(this.maxTtl);

		return response(this.service.update(key, changes));
	}

	@PostMapping("/{key}/rotate")
	@Operation(summary = "Replace the secret with a generated one",
			description = "The response is the only one that shows the new secret. Until previousSecretValidUntil "
					+ "the previous secret is accepted too; rotating again during that overlap ends it at once.")
	@ProblemResponses(ErrorCode.CREDENTIAL_NOT_FOUND)
	RotatedSecretResponse rotate(@PathVariable String key) {
		return this.service.rotate(key);
	}

	@PostMapping("/{key}/disable")
	@Operation(summary = "Disable a credential", description = "It stops issuing and refreshing tokens.")
	@ProblemResponses(ErrorCode.CREDENTIAL_NOT_FOUND)
	CredentialResponse disable(@PathVariable String key) {
		return response(this.service.setStatus(key, CredentialStatus.DISABLED));
	}

	@PostMapping("/{key}/enable")
	@Operation(summary = "Enable a credential")
	@ProblemResponses(ErrorCode.CREDENTIAL_NOT_FOUND)
	CredentialResponse enable(@PathVariable String key) {
		return response(this.service.setStatus(key, CredentialStatus.ACTIVE));
	}

	@PostMapping("/{key}/revoke-tokens")
	@Operation(summary = "Stop every chain of this credential's tokens from being refreshed",
			description = "Chains that started before now cannot be refreshed. Tokens already issued stay valid at "
					+ "the gateway until their exp, because the gateway does not ask this service.")
	@ProblemResponses(ErrorCode.CREDENTIAL_NOT_FOUND)
	CredentialResponse revokeTokens(@PathVariable String key) {
		return response(this.service.revokeTokens(key));
	}

	@DeleteMapping("/{key}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a credential")
	@ProblemResponses(ErrorCode.CREDENTIAL_NOT_FOUND)
	void delete(@PathVariable String key) {
		this.service.delete(key);
	}

	private CredentialResponse response(Credential credential) {
		return CredentialResponse.from(credential, this.clock.instant());
	}

	private static CredentialFilter filter(String status, String namePrefix) {
		CredentialStatus parsedStatus = null;
		if (status != null && !status.isEmpty()) {
			parsedStatus = CredentialStatus.find(status);
			if (parsedStatus == null) {
				throw ApiException.invalidField("status", "must be active or disabled");
			}
		}
		List<FieldViolation> violations = new ArrayList<>();
		if (namePrefix != null && !namePrefix.isEmpty()) {
			CredentialRules.checkName(namePrefix, violations);
		}
		if (!violations.isEmpty()) {
			throw ApiException.invalidField("namePrefix", violations.get(0).message());
		}
		return new CredentialFilter(parsedStatus, (namePrefix == null || namePrefix.isEmpty()) ? null : namePrefix);
	}

}
