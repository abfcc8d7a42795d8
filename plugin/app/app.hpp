// The plugin's composition root: settings, keys, the host's log, the
// console's database connection (opened on first use, schema checked), the
// HTTP side's pool, and everything the plugin offers the host (commands,
// admin hooks, the token endpoint's services, the authenticator).
// plugin/abi/entry.cpp builds one App in init and deletes it in shutdown.
#pragma once

#include "app/plugin_metrics.hpp"
#include "config/settings.hpp"
#include "storage/connection_pool.hpp"
#include "storage/database.hpp"

#include "pim/plugin_abi.h"

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace pim {

class Authenticator;
class Command;
class Monitoring;
class PeriodicTask;
class Throttle;
class TokenService;

class App {
public:
    App(Settings settings, const pim_host_services &host, pim_host_context *host_context);
    ~App();
    App(const App &) = delete;
    App &operator=(const App &) = delete;

    [[nodiscard]] const Settings &settings() const { return settings_; }
    [[nodiscard]] const KeyRing &keys() const { return *settings_.keys; }

    // The connection of console commands and admin hooks. Dev (auto_migrate)
    // applies pending migrations; otherwise an outdated schema throws
    // SchemaMismatch naming the command to run.
    Database &database();
    // A connection without the schema check, for pim:db:migrate.
    Database &unchecked_database();

    void log(int level, const std::string &message) const;

    // The HTTP side's connections (thread-safe), opened once the schema is
    // known to be current.
    ConnectionPool &pool();

    // The console commands, in registration order, and by name or alias.
    [[nodiscard]] const std::vector<std::unique_ptr<Command>> &commands() const { return commands_; }
    [[nodiscard]] const Command *find_command(std::string_view name_or_alias) const;

    // The token endpoint's services and the bearer check (thread-safe).
    TokenService &tokens() { return *tokens_; }
    Throttle &throttle() { return *throttle_; }
    Authenticator &authenticator() { return *authenticator_; }
    // The series pim-oauth reports to the host (empty: the host has no metrics).
    PluginMetrics &metrics() { return metrics_; }
    // Usage recording and security events (connection monitoring).
    Monitoring &monitoring() { return *monitoring_; }

private:
    void start_argon2_memory_release();
    Settings settings_;
    const pim_host_services &host_;
    pim_host_context *host_context_;
    std::unique_ptr<Database> database_;
    bool schema_checked_ = false;
    PluginMetrics metrics_;  // before the pool, which reports to it
    std::once_flag pool_once_;
    std::unique_ptr<ConnectionPool> pool_;
    std::vector<std::unique_ptr<Command>> commands_;
    std::map<std::string, const Command *, std::less<>> commands_by_name_;
    std::unique_ptr<Monitoring> monitoring_;
    // Unmaps Argon2id memory kept idle for longer than keep_memory_seconds (serve).
    std::unique_ptr<PeriodicTask> argon2_memory_release_;
    std::unique_ptr<TokenService> tokens_;
    std::unique_ptr<Throttle> throttle_;
    std::unique_ptr<Authenticator> authenticator_;
};

}  // namespace pim
