#include "app/app.hpp"

#include "app/monitoring.hpp"
#include "app/periodic_task.hpp"
#include "app/throttle.hpp"
#include "app/token_service.hpp"
#include "console/command.hpp"
#include "domain/argon2_memory.hpp"
#include "domain/errors.hpp"
#include "domain/log_level.hpp"
#include "domain/process_hardening.hpp"
#include "http/authenticator.hpp"
#include "storage/migrations.hpp"

#include <algorithm>
#include <thread>

namespace pim {

static_assert(static_cast<int>(LogLevel::error) == PIM_LOG_ERROR &&
              static_cast<int>(LogLevel::warning) == PIM_LOG_WARNING &&
              static_cast<int>(LogLevel::info) == PIM_LOG_INFO &&
              static_cast<int>(LogLevel::debug) == PIM_LOG_DEBUG);

App::App(Settings settings, const pim_host_services &host, pim_host_context *host_context)
    : settings_(std::move(settings)), host_(host), host_context_(host_context), commands_(make_commands()) {
    if (settings_.environment == "prod") forbid_core_dumps();
    argon2_memory::set_keep_seconds(settings_.password.argon2id_keep_memory_seconds);
    for (const auto &command : commands_) {
        commands_by_name_.emplace(command->spec().name, command.get());
        for (const auto &alias : command->spec().aliases) commands_by_name_.emplace(alias, command.get());
    }
    const auto log = [this](int level, const std::string &message) { this->log(level, message); };
    // The pool opens lazily: on the first request, or in before_serve.
    const auto pool = [this]() -> ConnectionPool & { return this->pool(); };
    monitoring_ = std::make_unique<Monitoring>(pool, settings_, log);
    tokens_ = std::make_unique<TokenService>(pool, settings_, log, *monitoring_);
    throttle_ = std::make_unique<Throttle>(pool, settings_);
    authenticator_ = std::make_unique<Authenticator>(pool, settings_, log, monitoring_->usage());
}

// The last usage flush needs the pool: it runs before members go.
App::~App() {
    monitoring_->stop();
    argon2_memory_release_.reset();
    argon2_memory::release_all();
}

const Command *App::find_command(std::string_view name_or_alias) const {
    const auto found = commands_by_name_.find(name_or_alias);
    return found == commands_by_name_.end() ? nullptr : found->second;
}

Database &App::unchecked_database() {
    if (!database_)
        database_ = std::make_unique<Database>(settings_.database.url, settings_.database.busy_timeout_ms);
    return *database_;
}

Database &App::database() {
    Database &db = unchecked_database();
    if (!schema_checked_) {
        Migrator migrator(db);
        if (settings_.database.auto_migrate) {
            for (const auto &migration : migrator.apply_pending()) {
                const std::string message =
                    "applied migration " + std::to_string(migration.version) + " " + migration.name;
                log(PIM_LOG_INFO, message);
            }
        } else {
            migrator.require_current(settings_.environment);
        }
        schema_checked_ = true;
    }
    return db;
}

ConnectionPool &App::pool() {
    std::call_once(pool_once_, [this] {
        database();  // checks (or, in dev, migrates) the schema once
        const auto cores = static_cast<std::size_t>(std::max(1U, std::thread::hardware_concurrency()));
        const auto size = settings_.database.pool_size > 0
                              ? static_cast<std::size_t>(settings_.database.pool_size)
                              : std::max<std::size_t>(4, 2 * cores);
        pool_ = std::make_unique<ConnectionPool>(settings_.database.url, settings_.database.busy_timeout_ms,
                                                 size, &metrics_);
        monitoring_->start();
        start_argon2_memory_release();
    });
    return *pool_;
}

void App::log(int level, const std::string &message) const {
    host_.log(host_context_, level, message.data(), message.size());
}

void App::start_argon2_memory_release() {
    const unsigned keep = settings_.password.argon2id_keep_memory_seconds;
    if (keep == 0 || !argon2_memory::routed()) return;
    // Checked four times per keep period: a region goes at most a quarter late.
    const auto interval = std::chrono::milliseconds(std::chrono::seconds(keep)) / 4;
    argon2_memory_release_ = std::make_unique<PeriodicTask>(interval, [] { argon2_memory::release_idle(); });
}

}  // namespace pim
