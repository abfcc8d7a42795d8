-- pim-oauth schema, MySQL / MariaDB (InnoDB, utf8mb4). Statements end with
-- ';' at the end of a line. VARCHAR lengths count characters here; keys
-- compare binary because the plugin normalises case itself. Keys looked up
-- with user input are VARBINARY, compared byte for byte as in SQLite: a _bin
-- collation ignores trailing spaces, and an ascii column refuses to be
-- compared with non-ASCII text ("Illegal mix of collations").

CREATE TABLE pim_api_client (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    random_id VARBINARY(50) NOT NULL,
    secret_box VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    label VARCHAR(255) NOT NULL,
    allowed_grant_types VARCHAR(255) NOT NULL,
    redirect_uris TEXT NOT NULL,
    created_at BIGINT NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE pim_user (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    username VARCHAR(255) NOT NULL,
    email VARCHAR(255) NOT NULL,
    first_name VARCHAR(255) NOT NULL,
    last_name VARCHAR(255) NOT NULL,
    ui_locale VARCHAR(20) NOT NULL,
    enabled SMALLINT NOT NULL DEFAULT 1,
    user_type VARCHAR(10) NOT NULL DEFAULT 'user',
    password_hash VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    created_at BIGINT NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Lower-cased usernames and e-mails in one key space: the token endpoint
-- accepts either, so no username may equal another user's e-mail.
CREATE TABLE pim_user_login (
    login_key VARBINARY(1020) NOT NULL PRIMARY KEY,
    user_id BIGINT NOT NULL,
    INDEX pim_user_login_user (user_id),
    CONSTRAINT pim_user_login_user_fk FOREIGN KEY (user_id) REFERENCES pim_user (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE pim_role (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    code VARBINARY(1100) NOT NULL,
    label VARCHAR(255) NOT NULL,
    UNIQUE KEY pim_role_code (code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE pim_role_permission (
    role_id BIGINT NOT NULL,
    permission VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    PRIMARY KEY (role_id, permission),
    CONSTRAINT pim_role_permission_role_fk FOREIGN KEY (role_id) REFERENCES pim_role (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE pim_user_role (
    user_id BIGINT NOT NULL,
    role_id BIGINT NOT NULL,
    PRIMARY KEY (user_id, role_id),
    INDEX pim_user_role_role (role_id),
    CONSTRAINT pim_user_role_user_fk FOREIGN KEY (user_id) REFERENCES pim_user (id) ON DELETE CASCADE,
    CONSTRAINT pim_user_role_role_fk FOREIGN KEY (role_id) REFERENCES pim_role (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE pim_api_access_token (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    token_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    client_id BIGINT NOT NULL,
    user_id BIGINT NULL,
    family_id CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    expires_at BIGINT NOT NULL,
    UNIQUE KEY pim_api_access_token_hash (token_hash),
    INDEX pim_api_access_token_client (client_id),
    INDEX pim_api_access_token_user (user_id),
    INDEX pim_api_access_token_family (family_id),
    INDEX pim_api_access_token_expiry (expires_at),
    CONSTRAINT pim_api_access_token_client_fk FOREIGN KEY (client_id) REFERENCES pim_api_client (id) ON DELETE CASCADE,
    CONSTRAINT pim_api_access_token_user_fk FOREIGN KEY (user_id) REFERENCES pim_user (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE pim_api_refresh_token (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    token_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    client_id BIGINT NOT NULL,
    user_id BIGINT NULL,
    family_id CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT NULL,
    UNIQUE KEY pim_api_refresh_token_hash (token_hash),
    INDEX pim_api_refresh_token_client (client_id),
    INDEX pim_api_refresh_token_user (user_id),
    INDEX pim_api_refresh_token_family (family_id),
    INDEX pim_api_refresh_token_expiry (expires_at),
    CONSTRAINT pim_api_refresh_token_client_fk FOREIGN KEY (client_id) REFERENCES pim_api_client (id) ON DELETE CASCADE,
    CONSTRAINT pim_api_refresh_token_user_fk FOREIGN KEY (user_id) REFERENCES pim_user (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE pim_api_connection (
    code VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
    label VARCHAR(100) NOT NULL,
    flow_type VARCHAR(20) NOT NULL,
    auditable SMALLINT NOT NULL,
    client_id BIGINT NOT NULL,
    user_id BIGINT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE KEY pim_api_connection_client (client_id),
    CONSTRAINT pim_api_connection_client_fk FOREIGN KEY (client_id) REFERENCES pim_api_client (id) ON DELETE CASCADE,
    CONSTRAINT pim_api_connection_user_fk FOREIGN KEY (user_id) REFERENCES pim_user (id) ON DELETE SET NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Failed-authentication counters, shared by every host process.
CREATE TABLE pim_api_throttle (
    subject CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
    failures INTEGER NOT NULL,
    window_start BIGINT NOT NULL,
    blocked_until BIGINT NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
