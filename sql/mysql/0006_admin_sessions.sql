-- Admin console sessions (issue 12): only keyed hashes of the session id and
-- of its CSRF token are stored; rows die with their user. Shared by every
-- host process on the database.
CREATE TABLE pim_admin_session (
    id_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
    csrf_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    user_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    INDEX pim_admin_session_user (user_id),
    CONSTRAINT pim_admin_session_user_fk FOREIGN KEY (user_id) REFERENCES pim_user (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
