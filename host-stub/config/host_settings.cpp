#include "config/host_settings.hpp"

#include "console/suggest.hpp"
#include "host_error.hpp"
#include "loader/plugin_file_check.hpp"
#include "server/http_server.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>

namespace fs = std::filesystem;

namespace pim::host {
namespace {

std::optional<std::string> env_var(const char *name) {
    const char *value = std::getenv(name);
    if (value == nullptr || *value == '\0') return std::nullopt;
    return std::string(value);
}

fs::path find_config_dir(const GlobalOptions &options, const fs::path &exe_dir) {
    std::error_code ec;
    const auto explicit_dir = [&](const std::string &dir, const std::string &origin) {
        if (!fs::is_directory(dir, ec))
            throw HostError("Configuration directory " + dir + " (from " + origin +
                            ") does not exist. Create it or point " + origin +
                            " at the directory holding dev.yaml and prod.yaml.");
        return fs::path(dir);
    };
    if (options.config_dir) return explicit_dir(*options.config_dir, "--config-dir");
    if (const auto dir = env_var("PIM_CONFIG_DIR")) return explicit_dir(*dir, "PIM_CONFIG_DIR");
    if (fs::is_directory("config", ec)) return "config";
    if (const auto installed = exe_dir / ".." / "etc" / "pim-host"; fs::is_directory(installed, ec))
        return installed.lexically_normal();
    throw HostError(
        "No configuration directory found (looked for ./config and " +
        (exe_dir / ".." / "etc" / "pim-host").lexically_normal().string() +
        "). Pass --config-dir, set PIM_CONFIG_DIR, or run pim-host from the directory that holds config/.");
}

std::vector<std::string> available_environments(const fs::path &config_dir) {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator(config_dir, ec))
        if (entry.path().extension() == ".yaml") names.push_back(entry.path().stem().string());
    std::sort(names.begin(), names.end());
    return names;
}

std::string resolve_environment(const GlobalOptions &options, const fs::path &config_dir) {
    std::string env = options.env ? *options.env : env_var("PIM_ENV").value_or("dev");
    const std::string origin = options.env ? "--env" : (env_var("PIM_ENV") ? "PIM_ENV" : "the default");
    const bool valid_name =
        !env.empty() && env.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") == std::string::npos;
    std::error_code ec;
    if (valid_name && fs::is_regular_file(config_dir / (env + ".yaml"), ec)) return env;
    std::string available;
    for (const auto &name : available_environments(config_dir))
        available += (available.empty() ? "" : ", ") + name;
    throw HostError("Unknown environment \"" + env + "\" (from " + origin + "): there is no " +
                    (config_dir / (env + ".yaml")).string() +
                    "; available: " + (available.empty() ? "none" : available) + ".");
}

std::string scalar(const YamlConfig &config, const std::string &path) {
    const ConfigNode *node = config.find(path);
    if (node == nullptr || node->kind == ConfigNode::Kind::null) return {};
    if (node->kind != ConfigNode::Kind::scalar)
        throw HostError(node->location + ": " + path + " must be a single value. Fix the value.");
    return node->text;
}

std::int64_t integer(const YamlConfig &config, const std::string &path, std::int64_t fallback,
                     std::int64_t min, std::int64_t max) {
    const std::string text = scalar(config, path);
    if (text.empty()) return fallback;
    std::size_t used = 0;
    std::int64_t value = 0;
    try {
        value = std::stoll(text, &used);
    } catch (const std::exception &) {
        used = 0;
    }
    if (used != text.size() || used == 0 || value < min || value > max)
        throw HostError(config.find(path)->location + ": " + path + " must be an integer from " +
                        std::to_string(min) + " to " + std::to_string(max) + ", got \"" + text +
                        "\". Fix the value.");
    return value;
}

void reject_unknown_keys(const YamlConfig &config, const std::string &section,
                         const std::set<std::string> &known) {
    const ConfigNode *node = config.find(section);
    if (node == nullptr || node->kind == ConfigNode::Kind::null) return;
    if (node->kind != ConfigNode::Kind::map)
        throw HostError(node->location + ": " + section + " must be a map of keys. Fix the value.");
    for (const auto &[key, location] : node->children)
        if (known.count(key) == 0)
            throw HostError(location + ": unknown key \"" + section + "." + key + "\"." +
                            did_you_mean_sentence(key, {known.begin(), known.end()}, section + ".") +
                            " Remove or rename it.");
}

fs::path resolve_plugins_dir(const GlobalOptions &options, const YamlConfig &config,
                             const fs::path &project_dir, const fs::path &exe_dir) {
    std::error_code ec;
    const auto must_exist = [&](fs::path dir, const std::string &origin) {
        if (dir.is_relative() && origin == "host.plugins_dir") dir = project_dir / dir;
        if (!fs::is_directory(dir, ec))
            throw HostError("Plugins directory " + dir.string() + " (from " + origin +
                            ") does not exist. Create it, or point --plugins-dir / host.plugins_dir at the "
                            "directory holding the plugins.");
        return dir;
    };
    if (options.plugins_dir) return must_exist(*options.plugins_dir, "--plugins-dir");
    if (const auto dir = env_var("PIM_PLUGINS_DIR")) return must_exist(*dir, "PIM_PLUGINS_DIR");
    if (const auto dir = scalar(config, "host.plugins_dir"); !dir.empty())
        return must_exist(dir, config.find("host.plugins_dir")->location + " host.plugins_dir");
    fs::path build_tree = (exe_dir / ".." / "plugins").lexically_normal();
    fs::path installed = (exe_dir / ".." / "lib" / "pim-host" / "plugins").lexically_normal();
    if (fs::is_directory(build_tree, ec)) return build_tree;
    if (fs::is_directory(installed, ec)) return installed;
    throw HostError(
        "No plugins directory found (looked in " + build_tree.string() + " and " + installed.string() +
        "). Pass --plugins-dir, set PIM_PLUGINS_DIR, or set host.plugins_dir in " + config.file() + ".");
}

std::optional<bool> boolean(const YamlConfig &config, const std::string &path) {
    const std::string text = scalar(config, path);
    if (text.empty()) return std::nullopt;
    if (text == "true") return true;
    if (text == "false") return false;
    throw HostError(config.find(path)->location + ": " + path + " must be true or false, got \"" + text +
                    "\". Fix the value.");
}

// Outside dev, /metrics is never on the main (public) listener: metrics are
// off unless they have an address of their own.
void load_metrics(const YamlConfig &config, const std::string &environment, ServerSettings &server) {
    const std::optional<bool> metrics = boolean(config, "server.metrics");
    server.metrics_listen = scalar(config, "server.metrics_listen");
    if (!server.metrics_listen.empty()) {
        const std::string &location = config.find("server.metrics_listen")->location;
        if (metrics == false)
            throw HostError(location + ": server.metrics_listen is set but server.metrics is false. " +
                            "Remove one of them.");
        try {
            parse_listen_address(server.metrics_listen);
        } catch (const HostError &error) {
            throw HostError(location + ": server.metrics_listen: " + error.what());
        }
        server.metrics = true;
        return;
    }
    server.metrics = metrics.value_or(environment == "dev");
    if (server.metrics && environment != "dev")
        throw HostError(config.find("server.metrics")->location + ": server.metrics in the " + environment +
                        " environment needs server.metrics_listen (e.g. 127.0.0.1:9464): /metrics is not "
                        "served on the main listener outside dev. Set it, or set server.metrics: false.");
}

ServerSettings load_server(const YamlConfig &config, const std::string &environment) {
    reject_unknown_keys(config, "server",
                        {"listen", "threads", "max_header_bytes", "max_body_bytes", "request_timeout_seconds",
                         "keep_alive_timeout_seconds", "max_connections", "slow_workers", "slow_queue_limit",
                         "log_format", "log_flush_ms", "metrics", "metrics_listen"});
    ServerSettings server;
    if (const auto listen = scalar(config, "server.listen"); !listen.empty()) server.listen = listen;
    server.threads = static_cast<int>(integer(config, "server.threads", 0, 0, 256));
    server.max_header_bytes =
        static_cast<std::uint64_t>(integer(config, "server.max_header_bytes", 8192, 1024, 1 << 20));
    server.max_body_bytes =
        static_cast<std::uint64_t>(integer(config, "server.max_body_bytes", 1048576, 1024, 1 << 30));
    server.request_timeout_seconds =
        static_cast<int>(integer(config, "server.request_timeout_seconds", 30, 1, 3600));
    server.keep_alive_timeout_seconds =
        static_cast<int>(integer(config, "server.keep_alive_timeout_seconds", 60, 1, 3600));
    server.max_connections =
        static_cast<std::size_t>(integer(config, "server.max_connections", 512, 1, 1000000));
    server.slow_workers = static_cast<int>(integer(config, "server.slow_workers", 0, 0, 256));
    server.slow_queue_limit =
        static_cast<std::size_t>(integer(config, "server.slow_queue_limit", 0, 0, 1000000));
    if (const auto format = scalar(config, "server.log_format"); format == "json")
        server.log_format = ServerSettings::LogFormat::json;
    else if (!format.empty() && format != "text")
        throw HostError(config.find("server.log_format")->location +
                        ": server.log_format must be text or json, got \"" + format + "\". Fix the value.");
    // dev: a developer watches the lines as they come; elsewhere, batches.
    server.log_flush_ms =
        static_cast<int>(integer(config, "server.log_flush_ms", environment == "dev" ? 0 : 1000, 0, 60000));
    load_metrics(config, environment, server);
    return server;
}

}  // namespace

HostSettings resolve_host_settings(const GlobalOptions &options, const fs::path &exe_dir,
                                   YamlConfig &config) {
    HostSettings settings;
    settings.config_dir = find_config_dir(options, exe_dir);
    settings.environment = resolve_environment(options, settings.config_dir);
    settings.environment_origin = options.env ? "--env" : (env_var("PIM_ENV") ? "PIM_ENV" : "the default");
    settings.config_file = settings.config_dir / (settings.environment + ".yaml");
    fs::path config_dir = fs::absolute(settings.config_dir).lexically_normal();
    if (!config_dir.has_filename()) config_dir = config_dir.parent_path();  // "config/"
    settings.project_dir = config_dir.parent_path();
    // The configuration decides which plugins run (host.plugins_dir): only
    // trusted files, wherever the directory came from (even ./config, found implicitly).
    require_trusted(config_dir, "configuration directory");
    require_trusted(config_dir / settings.config_file.filename(), "configuration file");
    config = YamlConfig::load(settings.config_file);
    reject_unknown_keys(config, "host", {"plugins_dir"});
    settings.plugins_dir = resolve_plugins_dir(options, config, settings.project_dir, exe_dir);
    settings.server = load_server(config, settings.environment);
    return settings;
}

void reject_unknown_sections(const YamlConfig &config, const std::set<std::string> &owned) {
    const ConfigNode *root = config.find("");
    if (root == nullptr) return;
    for (const auto &[key, location] : root->children)
        if (owned.count(key) == 0)
            throw HostError(location + ": unknown key \"" + key + "\"." +
                            did_you_mean_sentence(key, {owned.begin(), owned.end()}) +
                            " Remove or rename it.");
}

}  // namespace pim::host
