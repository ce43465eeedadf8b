-- Runs unchanged on H2 and PostgreSQL: only types and syntax that both accept.

-- The secret that a rotation replaced, encrypted like encrypted_secret, and the end of the
-- overlap during which it is still accepted. Both are NULL outside an overlap. A purge job
-- clears them after previous_secret_valid_until, and readers treat a past value as absent.
ALTER TABLE credential ADD COLUMN previous_encrypted_secret VARCHAR(1024);
ALTER TABLE credential ADD COLUMN previous_secret_valid_until TIMESTAMP WITH TIME ZONE;

-- After expires_at the credential issues and refreshes nothing. NULL means never.
ALTER TABLE credential ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;

-- Lifetime of the credential's standard tokens in seconds. NULL means the configured default.
ALTER TABLE credential ADD COLUMN token_ttl_seconds BIGINT;

CREATE INDEX credential_previous_secret ON credential (previous_secret_valid_until);
