-- pim-oauth schema, SQLite. Statements end with ';' at the end of a line.
-- Secrets are never stored in clear: client secrets are encrypted
-- (secretbox, base64), tokens are stored as keyed BLAKE2b-256 hex digests,
-- passwords as Argon2id strings.

CREATE TABLE pim_api_client (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    random_id VARCHAR(50) NOT NULL,
    secret_box VARCHAR(255) NOT NULL,
    label VARCHAR(1024) NOT NULL,
    allowed_grant_types VARCHAR(255) NOT NULL,
    redirect_uris TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE pim_user (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username VARCHAR(1024) NOT NULL,
    email VARCHAR(1024) NOT NULL,
    first_name VARCHAR(1024) NOT NULL,
    last_name VARCHAR(1024) NOT NULL,
    ui_locale VARCHAR(80) NOT NULL,
    enabled SMALLINT NOT NULL DEFAULT 1,
    user_type VARCHAR(10) NOT NULL DEFAULT 'user',
    password_hash VARCHAR(255) NOT NULL,
    created_at BIGINT NOT NULL
);

-- Lower-cased usernames and e-mails in one key space: the token endpoint
-- accepts either, so no username may equal another user's e-mail.
CREATE TABLE pim_user_login (
    login_key VARCHAR(1024) NOT NULL PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES pim_user (id) ON DELETE CASCADE
);
CREATE INDEX pim_user_login_user ON pim_user_login (user_id);

CREATE TABLE pim_role (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code VARCHAR(1100) NOT NULL UNIQUE,
    label VARCHAR(1024) NOT NULL
);

CREATE TABLE pim_role_permission (
    role_id INTEGER NOT NULL REFERENCES pim_role (id) ON DELETE CASCADE,
    permission VARCHAR(64) NOT NULL,
    PRIMARY KEY (role_id, permission)
);

CREATE TABLE pim_user_role (
    user_id INTEGER NOT NULL REFERENCES pim_user (id) ON DELETE CASCADE,
    role_id INTEGER NOT NULL REFERENCES pim_role (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, role_id)
);
CREATE INDEX pim_user_role_role ON pim_user_role (role_id);

CREATE TABLE pim_api_access_token (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash CHAR(64) NOT NULL UNIQUE,
    client_id INTEGER NOT NULL REFERENCES pim_api_client (id) ON DELETE CASCADE,
    user_id INTEGER REFERENCES pim_user (id) ON DELETE CASCADE,
    family_id CHAR(32) NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX pim_api_access_token_client ON pim_api_access_token (client_id);
CREATE INDEX pim_api_access_token_user ON pim_api_access_token (user_id);
CREATE INDEX pim_api_access_token_family ON pim_api_access_token (family_id);
CREATE INDEX pim_api_access_token_expiry ON pim_api_access_token (expires_at);

CREATE TABLE pim_api_refresh_token (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash CHAR(64) NOT NULL UNIQUE,
    client_id INTEGER NOT NULL REFERENCES pim_api_client (id) ON DELETE CASCADE,
    user_id INTEGER REFERENCES pim_user (id) ON DELETE CASCADE,
    family_id CHAR(32) NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX pim_api_refresh_token_client ON pim_api_refresh_token (client_id);
CREATE INDEX pim_api_refresh_token_user ON pim_api_refresh_token (user_id);
CREATE INDEX pim_api_refresh_token_family ON pim_api_refresh_token (family_id);
CREATE INDEX pim_api_refresh_token_expiry ON pim_api_refresh_token (expires_at);

CREATE TABLE pim_api_connection (
    code VARCHAR(100) NOT NULL PRIMARY KEY,
    label VARCHAR(400) NOT NULL,
    flow_type VARCHAR(20) NOT NULL,
    auditable SMALLINT NOT NULL,
    client_id INTEGER NOT NULL UNIQUE REFERENCES pim_api_client (id) ON DELETE CASCADE,
    user_id INTEGER REFERENCES pim_user (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);

-- Failed-authentication counters, shared by every host process.
CREATE TABLE pim_api_throttle (
    subject CHAR(64) NOT NULL PRIMARY KEY,
    failures INTEGER NOT NULL,
    window_start BIGINT NOT NULL,
    blocked_until BIGINT NOT NULL
);
