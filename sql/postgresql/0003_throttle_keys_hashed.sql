-- Until this migration, throttle rows were keyed by the attempted username or
-- client id in clear text (often a password typed into the wrong field).
-- From now on the plugin keys them by a keyed hash (64 hex digits); the old
-- rows are only short-lived counters, so they are dropped rather than kept.
DELETE FROM pim_api_throttle;
