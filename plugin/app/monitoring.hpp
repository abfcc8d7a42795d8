// Connection monitoring (issue 15): the in-memory usage recorder with the
// background task that adds it to the database every
// monitoring.flush_interval_seconds (and once more at shutdown), and the
// security events, written at once (they are rare and must not be lost).
#pragma once

#include "app/usage_recorder.hpp"
#include "config/settings.hpp"
#include "domain/security_event.hpp"
#include "storage/connection_pool.hpp"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace pim {

class Monitoring {
public:
    using PoolProvider = std::function<ConnectionPool &()>;
    using Logger = std::function<void(int level, const std::string &message)>;

    Monitoring(PoolProvider pool, const Settings &settings, Logger log)
        : pool_(std::move(pool)), settings_(settings), log_(std::move(log)) {}
    ~Monitoring();
    Monitoring(const Monitoring &) = delete;
    Monitoring &operator=(const Monitoring &) = delete;

    [[nodiscard]] UsageRecorder &usage() { return usage_; }

    // Starts the background flush (once; the pool must be open).
    void start();
    // Stops the background flush and flushes what is left. Idempotent.
    void stop();
    // Adds what was recorded to the database in one transaction; on failure
    // the batch goes back to memory and the error is logged. False then.
    bool flush();

    // Writes a security event of `client_id` through the pool; a failure is
    // logged, never thrown (the answer to the request matters more).
    void event(std::int64_t client_id, SecurityEventType type, std::string_view remote_address,
               const std::string &detail = {}) noexcept;

private:
    void run();

    PoolProvider pool_;
    const Settings &settings_;
    Logger log_;
    UsageRecorder usage_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

// The event as stored, for use cases that hold a console connection.
SecurityEvent make_security_event(std::int64_t client_id, SecurityEventType type, std::int64_t now,
                                  std::string_view remote_address, const std::string &detail);
void append_security_event(Database &db, const Settings &settings, const SecurityEvent &event);

}  // namespace pim
