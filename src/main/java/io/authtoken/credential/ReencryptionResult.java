package io.authtoken.credential;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Response of {@code POST /admin/master-key/reencrypt}.
 *
 * @param primaryKeyId id of the master key that now encrypts the secrets, unsigned, as
 * Tink's tools print it
 * @param reencrypted credentials whose secrets were encrypted again under it
 * @param alreadyCurrent credentials whose secrets were already under it
 * @param failed keys of the credentials still under another key; the old key must stay in
 * the keyset until this is empty
 */
@Schema(description = "How many credentials were re-encrypted under the primary master key")
public record ReencryptionResult(String primaryKeyId, int reencrypted, int alreadyCurrent, List<String> failed) {

}
