-- Admin console sessions (issue 12): only keyed hashes of the session id and
-- of its CSRF token are stored; rows die with their user. Shared by every
-- host process on the database.
CREATE TABLE pim_admin_session (
    id_hash CHAR(64) NOT NULL PRIMARY KEY,
    csrf_hash CHAR(64) NOT NULL,
    user_id BIGINT NOT NULL REFERENCES pim_user (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);
CREATE INDEX pim_admin_session_user ON pim_admin_session (user_id);
