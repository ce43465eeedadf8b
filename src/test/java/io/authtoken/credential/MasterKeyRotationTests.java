package io.authtoken.credential;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.authtoken.support.ApiClient;
import io.authtoken.support.ExceptionMessages;
import io.authtoken.support.ApiClient.Response;
import io.authtoken.support.MutableClock;
import io.authtoken.support.RunningService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The master key rotation that docs/operations.md describes, end to end on one H2 data
 * directory: secrets stored under key A, the keyset A+B with B primary, re-encryption,
 * then the keyset B alone.
 */
class MasterKeyRotationTests {

	private static final MutableClock clock = new MutableClock(Instant.parse("2026-09-01T08:00:00Z"));

	@TempDir
	Path dataDir;

	@BeforeAll
	static void registerTink() throws Exception {
		AeadConfig.register();
	}

	@Test
	void rotateMasterKeyThenNoCredentialLost() throws Exception {
		KeysetHandle keyA = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
		KeysetHandle keysetAB = KeysetHandle.newBuilder(keyA)
			.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
				.withRandomId()
				.makePrimary())
			.build();
		KeysetHandle keyB = KeysetHandle.newBuilder(keysetAB).deleteAt(0).build();
		List<Credential> credentials = new ArrayList<>();
		String rotatedKey;
		String previousSecret;
		try (RunningService underA = start(keyA)) {
			for (int i = 0; i < 3; i++) {
				credentials.add(create(underA.api(), "under-a-" + i));
			}
			Credential rotated = create(underA.api(), "rotated-under-a");
			rotatedKey = rotated.key();
			previousSecret = rotated.secret();
			String newSecret = underA.api()
				.adminPost("/admin/credentials/" + rotatedKey + "/rotate", "")
				.text("secret");
			credentials.add(new Credential(rotatedKey, newSecret));
		}

		JsonNode first;
		JsonNode second;
		try (RunningService underAB = start(keysetAB)) {
			first = underAB.api().adminPost("/admin/master-key/reencrypt", "").json();
			second = underAB.api().adminPost("/admin/master-key/reencrypt", "").json();
			assertIssues(underAB.api(), credentials);
		}

		assertThat(first.get("reencrypted").asInt()).isEqualTo(4);
		assertThat(first.get("alreadyCurrent").asInt()).isZero();
		assertThat(first.get("failed")).isEmpty();
		assertThat(first.get("primaryKeyId").asString())
			.isEqualTo(Integer.toUnsignedString(keysetAB.getPrimary().getId()));
		assertThat(second.get("reencrypted").asInt()).isZero();
		assertThat(second.get("alreadyCurrent").asInt()).isEqualTo(4);
		try (RunningService underB = start(keyB)) {
			assertIssues(underB.api(), credentials);
			assertThat(issue(underB.api(), new Credential(rotatedKey, previousSecret)).status())
				.as("previous secret during its overlap")
				.isEqualTo(200);
			JsonNode events = underB.api().adminGet("/admin/audit?type=master_key_reencrypted").json().get("items");
			assertThat(events).hasSize(2);
			assertThat(events.get(0).get("actor").asString()).isEqualTo("admin");
			assertThat(events.get(0).get("detail").asString()).contains("4 re-encrypted");
		}
	}

	@Test
	void startWhenOldKeyDroppedTooEarlyThenFails() throws Exception {
		KeysetHandle keyA = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
		KeysetHandle keyB = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
		try (RunningService underA = start(keyA)) {
			create(underA.api(), "orphan");
		}

		assertThatException().isThrownBy(() -> start(keyB).close())
			.satisfies((ex) -> assertThat(ExceptionMessages.of(ex)).contains("AUTHTOKEN_MASTER_KEY"));
	}

	private RunningService start(KeysetHandle keyset) throws Exception {
		String json = TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
		return RunningService.start(clock, "authtoken.data-dir=" + this.dataDir, "authtoken.master-key=" + json);
	}

	private static void assertIssues(ApiClient api, List<Credential> credentials) {
		for (Credential credential : credentials) {
			assertThat(issue(api, credential).status()).as(credential.key()).isEqualTo(200);
		}
	}

	private static Credential create(ApiClient api, String name) {
		Response created = api.adminPost("/admin/credentials", "{\"name\":\"" + name + "\"}");
		assertThat(created.status()).isEqualTo(201);
		return new Credential(created.text("key"), created.text("secret"));
	}

	private static Response issue(ApiClient api, Credential credential) {
		return api.post("/token", "{\"key\":\"" + credential.key() + "\",\"secret\":\"" + credential.secret() + "\"}");
	}

	private record Credential(String key, String secret) {

	}

}
