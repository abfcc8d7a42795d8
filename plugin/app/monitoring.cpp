#include "app/monitoring.hpp"

#include "domain/log_level.hpp"
#include "domain/text.hpp"
#include "storage/security_event_repository.hpp"
#include "storage/usage_repository.hpp"

#include <chrono>

namespace pim {

Monitoring::~Monitoring() {
    stop();
}

void Monitoring::start() {
    const std::lock_guard lock(mutex_);
    if (thread_.joinable() || stopping_) return;
    thread_ = std::thread([this] { run(); });
}

void Monitoring::stop() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
        flush();  // what was recorded since the last interval (SIGTERM of serve ends here)
    }
}

void Monitoring::run() {
    const auto interval = std::chrono::seconds(settings_.monitoring.flush_interval_seconds);
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        if (wake_.wait_for(lock, interval, [this] { return stopping_; })) break;
        lock.unlock();
        flush();
        lock.lock();
    }
}

bool Monitoring::flush() {
    UsageBatch batch = usage_.take();
    if (batch.empty()) return true;
    try {
        with_connection(pool_(), [&](ConnectionPool::Lease &lease) {
            WriteTransaction transaction(lease.db());
            UsageRepository(lease.db()).add(batch);
            transaction.commit();
        });
        return true;
    } catch (const std::exception &error) {
        usage_.restore(std::move(batch));
        log_(static_cast<int>(LogLevel::error),
             std::string("usage flush failed, kept in memory for the next one: ") + error.what());
        return false;
    }
}

void Monitoring::event(std::int64_t client_id, SecurityEventType type, std::string_view remote_address,
                       const std::string &detail) noexcept {
    try {
        const SecurityEvent event =
            make_security_event(client_id, type, settings_.clock->now(), remote_address, detail);
        with_connection(pool_(), [&](ConnectionPool::Lease &lease) {
            append_security_event(lease.db(), settings_, event);
        });
    } catch (const std::exception &error) {
        try {
            log_(static_cast<int>(LogLevel::error), std::string("security event not stored: ") +
                                                        std::string(event_name(type)) + ": " + error.what());
        } catch (...) {  // NOLINT(bugprone-empty-catch): nothing left to tell
        }
    } catch (...) {  // NOLINT(bugprone-empty-catch): noexcept
    }
}

SecurityEvent make_security_event(std::int64_t client_id, SecurityEventType type, std::int64_t now,
                                  std::string_view remote_address, const std::string &detail) {
    return {client_id, now, std::string(event_name(type)),
            remote_address.empty() ? std::string("-") : log_field(remote_address), detail};
}

void append_security_event(Database &db, const Settings &settings, const SecurityEvent &event) {
    WriteTransaction transaction(db);
    SecurityEventRepository(db).append(event, settings.monitoring.events_per_client);
    transaction.commit();
}

}  // namespace pim
