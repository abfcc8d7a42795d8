// The plugin's settings, read once at init from the host configuration and
// the PIM_DATABASE_URL / PIM_SECRET_KEY environment variables.
#pragma once

#include "config/config_source.hpp"
#include "domain/clock.hpp"
#include "domain/key_ring.hpp"
#include "storage/database_url.hpp"
#include "storage/throttle_repository.hpp"

#include <cstdint>
#include <memory>
#include <string>

namespace pim {

struct DatabaseSettings {
    DatabaseUrl url;
    std::string url_origin;  // where the URL came from, for messages
    bool auto_migrate = false;
    int busy_timeout_ms = 5000;
    int pool_size = 0;  // 0: one connection per server thread
};

struct OAuthSettings {
    std::int64_t access_token_lifetime = 3600;
    std::int64_t refresh_token_lifetime = 1209600;
    bool refresh_token_reuse_detection = true;
    bool allow_access_token_query_parameter = false;
    ThrottleLimits throttling;
    // RFC 8414 issuer ("https://pim.example.com"), no trailing '/'; empty:
    // GET /.well-known/oauth-authorization-server answers 404.
    std::string issuer;
};

struct PasswordSettings {
    int min_length = 8;
    unsigned long long argon2id_opslimit = 2;
    std::size_t argon2id_memlimit_kib = 65536;
    // Seconds an idle Argon2id memory region stays mapped for the next hash.
    unsigned argon2id_keep_memory_seconds = 60;
};

// The admin console's sessions (security.admin_session): server-side, ended
// after `idle_timeout` seconds without a request or `absolute_lifetime`
// seconds after login, whichever comes first.
struct AdminSessionSettings {
    std::int64_t idle_timeout = 1800;
    std::int64_t absolute_lifetime = 28800;
    bool secure_cookie = false;  // true behind TLS: the cookie gets Secure
};

// Connection monitoring (issue 15): how often each host adds its recorded
// usage to the database, how long hourly counts are kept, and how many
// security events each client keeps.
struct MonitoringSettings {
    int flush_interval_seconds = 10;
    int retention_days = 90;
    int events_per_client = 100;
};

struct Settings {
    std::string environment;
    std::filesystem::path project_dir;
    DatabaseSettings database;
    OAuthSettings oauth;
    PasswordSettings password;
    AdminSessionSettings admin_session;
    MonitoringSettings monitoring;
    std::shared_ptr<const KeyRing> keys;
    std::shared_ptr<const Clock> clock = std::make_shared<SystemClock>();
};

// The top-level sections this plugin owns.
inline constexpr const char *owned_config_sections[] = {"database", "oauth", "security", "monitoring"};

// Throws ConfigError("file:line: what is wrong. What to do.").
Settings load_settings(const ConfigSource &config);

}  // namespace pim
