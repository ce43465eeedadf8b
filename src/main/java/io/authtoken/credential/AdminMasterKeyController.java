package io.authtoken.credential;

import io.authtoken.audit.AuditLog;
import io.authtoken.web.ErrorCode;
import io.authtoken.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /admin/master-key/reencrypt}, the step of a master key rotation that moves
 * every secret to the new primary key. The admin authorization interceptor checks the
 * admin token before this runs.
 */
@RestController
@Tag(name = "Admin: master key", description = "Rotate the master key (admin token required)")
@SecurityRequirement(name = "adminToken")
@ProblemResponses({ ErrorCode.ADMIN_TOKEN_INVALID, ErrorCode.ADMIN_API_DISABLED })
class AdminMasterKeyController {

	private final MasterKeyReencryption reencryption;

	private final AuditLog audit;

	AdminMasterKeyController(MasterKeyReencryption reencryption, AuditLog audit) {
		this.reencryption = reencryption;
		this.audit = audit;
	}

	@PostMapping("/admin/master-key/reencrypt")
	@Operation(summary = "Encrypt every stored secret again under the primary key of the master keyset",
			description = "Run it after making a new key primary on every instance. When failed is empty, no secret "
					+ "needs the old key any more and it can leave the keyset. Running it again changes nothing.")
	ReencryptionResult reencrypt() {
		return this.reencryption.reencryptAll(this.audit.adminActor());
	}

}
