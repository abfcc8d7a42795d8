#include "config/settings.hpp"

#include "domain/errors.hpp"
#include "domain/text.hpp"

#include <sodium.h>

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <map>
#include <set>

namespace pim {
namespace {

// Every key the plugin understands; maps list their children.
const std::map<std::string, std::set<std::string>> known_keys = {
    {"database", {"url", "auto_migrate", "busy_timeout_ms", "pool_size"}},
    {"oauth",
     {"access_token_lifetime", "refresh_token_lifetime", "refresh_token_reuse_detection",
      "allow_access_token_query_parameter", "throttling", "issuer"}},
    {"oauth.throttling", {"max_failures", "window_seconds", "block_seconds"}},
    {"security", {"secret_key", "password", "admin_session"}},
    {"security.admin_session", {"idle_timeout", "absolute_lifetime", "secure_cookie"}},
    {"security.password", {"min_length", "argon2id"}},
    {"security.password.argon2id", {"opslimit", "memlimit_kib", "keep_memory_seconds"}},
};

class Reader {
public:
    explicit Reader(const ConfigSource &config) : config_(config) {}

    void reject_unknown_keys() const {
        for (const auto &[path, children] : known_keys) {
            if (config_.get(path).kind == ConfigEntry::Kind::absent) continue;
            expect_map(path);
            for (const auto &[key, location] : config_.keys(path))
                if (children.count(key) == 0) fail_unknown(path, key, location, children);
        }
    }

    std::int64_t integer(const std::string &path, std::int64_t fallback, std::int64_t min,
                         std::int64_t max) const {
        const ConfigEntry entry = scalar(path);
        if (entry.kind == ConfigEntry::Kind::absent) return fallback;
        std::int64_t value = 0;
        const auto *end = entry.text.data() + entry.text.size();
        const auto [ptr, error] = std::from_chars(entry.text.data(), end, value);
        if (error != std::errc{} || ptr != end || value < min || value > max)
            throw ConfigError(entry.location + ": " + path + " must be an integer from " +
                              std::to_string(min) + " to " + std::to_string(max) + ", got \"" + entry.text +
                              "\". Fix the value.");
        return value;
    }

    bool boolean(const std::string &path, bool fallback) const {
        const ConfigEntry entry = scalar(path);
        if (entry.kind == ConfigEntry::Kind::absent) return fallback;
        if (entry.text == "true") return true;
        if (entry.text == "false") return false;
        throw ConfigError(entry.location + ": " + path + " must be true or false, got \"" + entry.text +
                          "\". Fix the value.");
    }

    // The environment variable wins over the file (12-factor).
    ConfigEntry string_or_env(const std::string &path, const char *variable) const {
        if (const char *value = std::getenv(variable); value != nullptr && *value != '\0')
            return {ConfigEntry::Kind::scalar, value, std::string("environment variable ") + variable};
        return scalar(path);
    }

    ConfigEntry scalar(const std::string &path) const {
        ConfigEntry entry = config_.get(path);
        if (entry.kind == ConfigEntry::Kind::null) entry.kind = ConfigEntry::Kind::absent;
        if (entry.kind == ConfigEntry::Kind::map || entry.kind == ConfigEntry::Kind::sequence)
            throw ConfigError(entry.location + ": " + path +
                              " must be a single value, not a list or a map. Fix the value.");
        return entry;
    }

private:
    void expect_map(const std::string &path) const {
        const ConfigEntry entry = config_.get(path);
        if (entry.kind != ConfigEntry::Kind::map && entry.kind != ConfigEntry::Kind::null)
            throw ConfigError(entry.location + ": " + path + " must be a map of keys. Fix the value.");
    }

    [[noreturn]] static void fail_unknown(const std::string &path, const std::string &key,
                                          const std::string &location,
                                          const std::set<std::string> &children) {
        std::string message = location + ": unknown key \"" + path + "." + key + "\".";
        std::string best;
        std::size_t best_distance = 3;
        for (const auto &candidate : children)
            if (const auto d = edit_distance(key, candidate); d < best_distance) {
                best = candidate;
                best_distance = d;
            }
        if (!best.empty()) message += " Did you mean \"" + path + "." + best + "\"?";
        message += " Remove or rename it.";
        throw ConfigError(message);
    }

    const ConfigSource &config_;
};

DatabaseSettings load_database(const Reader &reader, const ConfigSource &config) {
    DatabaseSettings db;
    const ConfigEntry url = reader.string_or_env("database.url", "PIM_DATABASE_URL");
    if (url.kind == ConfigEntry::Kind::absent || url.text.empty())
        throw ConfigError(url.location + ": database.url is required. Set it (e.g. sqlite3://var/" +
                          config.environment() + ".db) or set PIM_DATABASE_URL.");
    try {
        db.url = parse_database_url(url.text, config.project_dir());
    } catch (const std::invalid_argument &e) {
        throw ConfigError(url.location + ": database.url: " + e.what() + ".");
    }
    db.url_origin = url.location;
    db.auto_migrate = reader.boolean("database.auto_migrate", false);
    db.busy_timeout_ms = static_cast<int>(reader.integer("database.busy_timeout_ms", 5000, 0, 600000));
    db.pool_size = static_cast<int>(reader.integer("database.pool_size", 0, 0, 1024));
    return db;
}

OAuthSettings load_oauth(const Reader &reader) {
    constexpr std::int64_t ten_years = 10LL * 366 * 24 * 3600;
    OAuthSettings oauth;
    oauth.access_token_lifetime = reader.integer("oauth.access_token_lifetime", 3600, 1, ten_years);
    oauth.refresh_token_lifetime = reader.integer("oauth.refresh_token_lifetime", 1209600, 1, ten_years);
    oauth.refresh_token_reuse_detection = reader.boolean("oauth.refresh_token_reuse_detection", true);
    oauth.allow_access_token_query_parameter =
        reader.boolean("oauth.allow_access_token_query_parameter", false);
    oauth.throttling.max_failures =
        static_cast<int>(reader.integer("oauth.throttling.max_failures", 10, 0, 1000000));
    oauth.throttling.window_seconds = reader.integer("oauth.throttling.window_seconds", 300, 1, ten_years);
    oauth.throttling.block_seconds = reader.integer("oauth.throttling.block_seconds", 300, 1, ten_years);
    // RFC 8414 §2: an http(s) URL without query or fragment.
    if (const ConfigEntry issuer = reader.scalar("oauth.issuer"); issuer.kind != ConfigEntry::Kind::absent) {
        const std::string &url = issuer.text;
        const bool scheme = url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
        if (!scheme || url.find_first_of("?# ") != std::string::npos || url.back() == '/' ||
            url.size() <= url.find("://") + 3)
            throw ConfigError(issuer.location +
                              ": oauth.issuer must be an http(s) URL without query, fragment or trailing "
                              "'/', got \"" +
                              url + "\". Fix the value.");
        oauth.issuer = url;
    }
    return oauth;
}

PasswordSettings load_password(const Reader &reader) {
    PasswordSettings password;
    password.min_length = static_cast<int>(reader.integer("security.password.min_length", 8, 8, 1024));
    password.argon2id_opslimit =
        static_cast<unsigned long long>(reader.integer("security.password.argon2id.opslimit", 2, 2, 64));
    password.argon2id_memlimit_kib = static_cast<std::size_t>(
        reader.integer("security.password.argon2id.memlimit_kib", 65536, 19456, 4LL * 1024 * 1024));
    password.argon2id_keep_memory_seconds =
        static_cast<unsigned>(reader.integer("security.password.argon2id.keep_memory_seconds", 60, 0, 86400));
    return password;
}

AdminSessionSettings load_admin_session(const Reader &reader) {
    constexpr std::int64_t one_week = 7LL * 24 * 3600;
    AdminSessionSettings session;
    session.idle_timeout = reader.integer("security.admin_session.idle_timeout", 1800, 60, one_week);
    session.absolute_lifetime =
        reader.integer("security.admin_session.absolute_lifetime", 28800, 60, one_week);
    session.secure_cookie = reader.boolean("security.admin_session.secure_cookie", false);
    return session;
}

MonitoringSettings load_monitoring(const Reader &reader) {
    MonitoringSettings monitoring;
    monitoring.flush_interval_seconds =
        static_cast<int>(reader.integer("monitoring.flush_interval_seconds", 10, 1, 3600));
    monitoring.retention_days = static_cast<int>(reader.integer("monitoring.retention_days", 90, 1, 3660));
    monitoring.events_per_client =
        static_cast<int>(reader.integer("monitoring.events_per_client", 100, 1, 100000));
    return monitoring;
}

// Overwrites a secret environment variable's value where it lives (the
// process's initial environment block, also shown by /proc/PID/environ) and
// removes it, so that neither a core dump nor a child process inherits it.
void forget_environment_variable(const char *name) {
    if (char *value = std::getenv(name); value != nullptr) sodium_memzero(value, std::strlen(value));
    ::unsetenv(name);
}

std::shared_ptr<const KeyRing> load_keys(const Reader &reader) {
    ConfigEntry key = reader.string_or_env("security.secret_key", "PIM_SECRET_KEY");
    forget_environment_variable("PIM_SECRET_KEY");
    if (key.kind == ConfigEntry::Kind::absent || key.text.empty())
        throw ConfigError(key.location +
                          ": security.secret_key is required (no default key exists). Set "
                          "PIM_SECRET_KEY or security.secret_key to 64 hex digits, e.g. the "
                          "output of: openssl rand -hex 32");
    try {
        auto keys = std::make_shared<const KeyRing>(key.text);
        sodium_memzero(key.text.data(), key.text.size());
        return keys;
    } catch (const std::invalid_argument &e) {
        sodium_memzero(key.text.data(), key.text.size());
        throw ConfigError(key.location + ": security.secret_key " + e.what() +
                          ". Generate one with: openssl rand -hex 32");
    }
}

}  // namespace

Settings load_settings(const ConfigSource &config) {
    const Reader reader(config);
    reader.reject_unknown_keys();
    Settings settings;
    settings.environment = config.environment();
    settings.project_dir = config.project_dir();
    settings.database = load_database(reader, config);
    settings.oauth = load_oauth(reader);
    settings.password = load_password(reader);
    settings.monitoring = load_monitoring(reader);
    settings.admin_session = load_admin_session(reader);
    settings.keys = load_keys(reader);
    settings.clock = make_clock(settings.environment);
    return settings;
}

}  // namespace pim
