-- Runs unchanged on H2 and PostgreSQL: only types and syntax that both accept.

CREATE TABLE credential (
    credential_key        VARCHAR(128)  NOT NULL PRIMARY KEY,
    name                  VARCHAR(200)  NOT NULL,
    status                VARCHAR(16)   NOT NULL,
    token_format          VARCHAR(16)   NOT NULL,
    encrypted_secret      VARCHAR(1024) NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    -- Chains of this credential that started before this time cannot be refreshed.
    tokens_revoked_before TIMESTAMP WITH TIME ZONE
);

CREATE INDEX credential_created_at ON credential (created_at, credential_key);

-- One row per refreshed token. The primary key makes the first refresh win and every
-- later one fail, across threads and service instances. The successor columns hold the
-- claims of the token that the first refresh issued, so that a retry within the grace
-- period gets the same token again. Rows are useless after expires_at, when the token can
-- no longer be refreshed.
CREATE TABLE refreshed_token (
    credential_key         VARCHAR(128) NOT NULL,
    jti                    VARCHAR(64)  NOT NULL,
    chain_id               VARCHAR(64)  NOT NULL,
    refreshed_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    successor_jti          VARCHAR(64)  NOT NULL,
    successor_issued_at    BIGINT       NOT NULL,
    successor_expires_at   BIGINT       NOT NULL,
    PRIMARY KEY (credential_key, jti)
);

CREATE INDEX refreshed_token_expires_at ON refreshed_token (expires_at);

-- Chains revoked after a token in them was reused. Rows are useless after expires_at,
-- when the chain has passed its maximum age.
CREATE TABLE revoked_chain (
    credential_key VARCHAR(128) NOT NULL,
    chain_id       VARCHAR(64)  NOT NULL,
    revoked_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (credential_key, chain_id)
);

CREATE INDEX revoked_chain_expires_at ON revoked_chain (expires_at);
