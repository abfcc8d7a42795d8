// The plugin's composition root: settings, keys, the host's log, and the
// console's database connection (opened on first use, schema checked).
#pragma once

#include "config/settings.hpp"
#include "storage/connection_pool.hpp"
#include "storage/database.hpp"

#include "pim/plugin_abi.h"

#include <memory>
#include <mutex>
#include <string_view>

namespace pim {

class App {
public:
    App(Settings settings, const pim_host_services &host, pim_host_context *host_context);

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

private:
    Settings settings_;
    const pim_host_services &host_;
    pim_host_context *host_context_;
    std::unique_ptr<Database> database_;
    bool schema_checked_ = false;
    std::once_flag pool_once_;
    std::unique_ptr<ConnectionPool> pool_;
};

}  // namespace pim
