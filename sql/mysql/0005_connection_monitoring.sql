-- Connection monitoring and secret rotation (issue 15).
-- Last successful use of clients, users and token families, written in
-- batches by each host (write-behind); NULL until first used.
ALTER TABLE pim_api_client ADD COLUMN last_used_at BIGINT;
ALTER TABLE pim_user ADD COLUMN last_used_at BIGINT;
-- regenerate-secret --keep-previous-for: the previous secret (encrypted like
-- secret_box) authenticates until previous_secret_expires_at.
ALTER TABLE pim_api_client ADD COLUMN previous_secret_box VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin;
ALTER TABLE pim_api_client ADD COLUMN previous_secret_expires_at BIGINT;

CREATE TABLE pim_api_token_family_use (
    family_id CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
    last_used_at BIGINT NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Hourly counters per client (client_id 0: requests no client could be
-- named for). Every host adds its counts (upsert with increment); no
-- foreign key, so that a revoked client's history can still be pruned.
CREATE TABLE pim_api_usage (
    client_id BIGINT NOT NULL,
    hour_start BIGINT NOT NULL,
    metric VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    hits BIGINT NOT NULL,
    PRIMARY KEY (client_id, hour_start, metric)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX pim_api_usage_hour ON pim_api_usage (hour_start);

-- Security events per client, newest kept (monitoring.events_per_client).
-- Never a secret, password or token: event names, remote address, and
-- escaped non-secret details.
CREATE TABLE pim_api_security_event (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    client_id BIGINT NOT NULL,
    occurred_at BIGINT NOT NULL,
    event VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    remote_address VARCHAR(100) NOT NULL,
    detail VARCHAR(255) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX pim_api_security_event_client ON pim_api_security_event (client_id, id);
