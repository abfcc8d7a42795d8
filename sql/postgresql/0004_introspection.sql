-- Introspection (RFC 7662): which clients may introspect tokens (off by
-- default, set by pim:oauth-server:allow-introspection), and when each token
-- was issued (its "iat"; NULL for tokens issued before this migration).
ALTER TABLE pim_api_client ADD COLUMN introspect SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE pim_api_access_token ADD COLUMN issued_at BIGINT;
ALTER TABLE pim_api_refresh_token ADD COLUMN issued_at BIGINT;
