// One database connection (a SOCI session) and the rules every connection
// follows: SQLite in WAL mode with foreign keys, busy timeout and a 0600
// file; errors turned into the plugin's typed errors.
#pragma once

#include "storage/database_url.hpp"
#include "storage/sqlite_checkpointer.hpp"

#include <soci/soci.h>

#include <functional>
#include <memory>
#include <mutex>

namespace pim {

class Database {
public:
    // Throws StorageUnavailable when the database cannot be opened.
    // `background_checkpoints` (SQLite): this connection's commits leave WAL
    // checkpoints to a thread of their own (SqliteCheckpointer), as the
    // pooled connections of a serving host do.
    Database(const DatabaseUrl &url, int busy_timeout_ms, bool background_checkpoints = false);
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    [[nodiscard]] soci::session &sql() { return session_; }
    [[nodiscard]] Backend backend() const { return url_.backend; }
    [[nodiscard]] const DatabaseUrl &url() const { return url_; }
    // SQLite: the mutex every connection of this process to the same file
    // takes around a write transaction; nullptr on a server backend.
    [[nodiscard]] std::mutex *sqlite_writer() const { return sqlite_writer_.get(); }

private:
    DatabaseUrl url_;
    std::shared_ptr<std::mutex> sqlite_writer_;
    std::shared_ptr<SqliteCheckpointer> checkpointer_;  // outlives session_: its hook is on it
    soci::session session_;
};

// A write transaction. On SQLite it takes the write lock up front (BEGIN
// IMMEDIATE) so that a busy database waits for the busy timeout instead of
// failing half-way, and the writers of one process queue on a mutex first:
// SQLite's busy handler would make them sleep and retry (milliseconds each)
// while the lock is free again within microseconds. Rolls back unless
// commit() was called.
class WriteTransaction {
public:
    explicit WriteTransaction(Database &db);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction &) = delete;
    WriteTransaction &operator=(const WriteTransaction &) = delete;
    void commit();

private:
    Database &db_;
    std::unique_lock<std::mutex> writer_lock_;  // SQLite only
    bool open_ = true;
};

// Runs `work`, translating SOCI errors into StorageUnavailable (connection
// lost, database locked) or rethrowing the typed errors of the plugin.
[[noreturn]] void rethrow_storage_error(const Database &db, const std::exception &error);

template <typename Work>
auto with_storage_errors(Database &db, Work &&work) -> decltype(work()) {
    try {
        return work();
    } catch (const soci::soci_error &error) {
        rethrow_storage_error(db, error);
    }
}

}  // namespace pim
