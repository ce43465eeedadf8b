-- Failed secrets per credential key and client address, for the lockout. One row per
-- pair: failures counts the failures since window_start, and locked_until is set once
-- they reach the limit. Rows are useless after expires_at.
CREATE TABLE secret_failure (
    credential_key VARCHAR(128) NOT NULL,
    client_address VARCHAR(64)  NOT NULL,
    window_start   TIMESTAMP WITH TIME ZONE NOT NULL,
    failures       INTEGER      NOT NULL,
    locked_at      TIMESTAMP WITH TIME ZONE,
    locked_until   TIMESTAMP WITH TIME ZONE,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (credential_key, client_address)
);

CREATE INDEX secret_failure_locked_at ON secret_failure (locked_at);

CREATE INDEX secret_failure_expires_at ON secret_failure (expires_at);
