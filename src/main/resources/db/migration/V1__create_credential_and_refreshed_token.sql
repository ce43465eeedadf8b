-- Runs unchanged on H2 and PostgreSQL: only types and syntax that both accept.

CREATE TABLE credential (
    credential_key   VARCHAR(128)  NOT NULL PRIMARY KEY,
    name             VARCHAR(200)  NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    token_format     VARCHAR(16)   NOT NULL,
    encrypted_secret VARCHAR(1024) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX credential_created_at ON credential (created_at, credential_key);

-- One row per refreshed token. The primary key makes the first refresh win and every
-- later one fail, across threads and service instances. Rows are useless once the token
-- can no longer be refreshed, after expires_at.
CREATE TABLE refreshed_token (
    credential_key VARCHAR(128) NOT NULL,
    jti            VARCHAR(64)  NOT NULL,
    refreshed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (credential_key, jti)
);

CREATE INDEX refreshed_token_expires_at ON refreshed_token (expires_at);
