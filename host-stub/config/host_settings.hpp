// Where the host finds its configuration and plugins, and its own sections
// of the YAML file (`host:`, `server:`).
#pragma once

#include "cli/global_options.hpp"
#include "config/yaml_config.hpp"

#include <cstdint>
#include <filesystem>
#include <set>
#include <string>

namespace pim::host {

struct ServerSettings {
    std::string listen = "127.0.0.1:8080";
    int threads = 0;  // 0: one per core
    std::uint64_t max_header_bytes = 8192;
    std::uint64_t max_body_bytes = 1048576;
    int request_timeout_seconds = 30;
    int keep_alive_timeout_seconds = 60;
    // Connections served at once; beyond, a connection gets 503 and is closed.
    std::size_t max_connections = 512;
    // Handlers that may block (PIM_ROUTE_MAY_BLOCK: password hashing) run on
    // this many worker threads (0: one per core), never on the I/O threads.
    int slow_workers = 0;
    // Requests waiting for a worker; beyond, 503 with Retry-After at once
    // (0: 64 per worker, so that a burst of cheap token requests, such as
    // refresh grants, still fits).
    std::size_t slow_queue_limit = 0;
    // The request log: one text line per request, or one JSON object per line.
    enum class LogFormat { text, json };
    LogFormat log_format = LogFormat::text;
    // Request log lines are written in batches this often (and at 64 KiB,
    // and on stop); 0: each line at once. Default 0 in dev, 1000 elsewhere.
    int log_flush_ms = 0;
    // GET /metrics (Prometheus): off, on the main listener (dev only, its
    // default), or alone on metrics_listen (the only way outside dev).
    bool metrics = false;
    std::string metrics_listen;  // empty: the main listener
};

struct HostSettings {
    std::filesystem::path config_dir;
    std::filesystem::path config_file;
    std::filesystem::path project_dir;  // absolute: the config directory's parent
    std::string environment;
    std::string environment_origin;  // "--env", "PIM_ENV" or "the default"
    std::filesystem::path plugins_dir;
    ServerSettings server;
};

// The top-level sections the host itself owns.
inline const std::set<std::string> host_config_sections = {"host", "server"};

// Resolves config dir (--config-dir, PIM_CONFIG_DIR, ./config,
// <exe>/../etc/pim-host), environment (--env, PIM_ENV, dev) and plugins dir
// (--plugins-dir, PIM_PLUGINS_DIR, host.plugins_dir, <exe>/../plugins,
// <exe>/../lib/pim-host/plugins); loads the YAML. Throws HostError.
HostSettings resolve_host_settings(const GlobalOptions &options, const std::filesystem::path &exe_dir,
                                   YamlConfig &config);

// Unknown top-level keys are typos: every one must be owned by the host or a plugin.
void reject_unknown_sections(const YamlConfig &config, const std::set<std::string> &owned);

}  // namespace pim::host
