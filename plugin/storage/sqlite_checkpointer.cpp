#include "storage/sqlite_checkpointer.hpp"

#include <soci/sqlite3/soci-sqlite3.h>  // declares the SQLite C API in namespace sqlite_api

#include <map>

namespace pim {

using namespace sqlite_api;  // NOLINT(google-build-using-namespace): SOCI's wrapping of sqlite3.h

std::shared_ptr<SqliteCheckpointer> SqliteCheckpointer::for_file(const std::filesystem::path &file,
                                                                 std::shared_ptr<std::mutex> writer) {
    static std::mutex registry_mutex;
    static std::map<std::string, std::weak_ptr<SqliteCheckpointer>> checkpointers;
    std::error_code ec;
    const auto canonical = std::filesystem::weakly_canonical(file, ec);
    const std::string key = (ec ? file : canonical).string();
    const std::lock_guard lock(registry_mutex);
    auto checkpointer = checkpointers[key].lock();
    if (!checkpointer) {
        checkpointer = std::make_shared<SqliteCheckpointer>(file, std::move(writer));
        checkpointers[key] = checkpointer;
    }
    return checkpointer;
}

SqliteCheckpointer::SqliteCheckpointer(std::filesystem::path file, std::shared_ptr<std::mutex> writer)
    : file_(std::move(file)), writer_(std::move(writer)), thread_([this] { run(); }) {}

SqliteCheckpointer::~SqliteCheckpointer() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wanted_.notify_one();
    thread_.join();
}

void SqliteCheckpointer::attach(sqlite3 *connection) {
    // Replaces the connection's automatic checkpoints (sqlite3_wal_autocheckpoint).
    sqlite3_wal_hook(connection, &SqliteCheckpointer::wal_hook, this);
}

long SqliteCheckpointer::checkpoints() const {
    const std::lock_guard lock(mutex_);
    return checkpoints_;
}

int SqliteCheckpointer::wal_hook(void *self, sqlite3 *connection, const char *database, int pages) {
    // The background thread fell behind: this commit checkpoints, as SQLite's
    // own hook would, so that the WAL stays bounded whatever the load. It
    // waits for a checkpoint the thread is running (SQLite would answer
    // SQLITE_BUSY at once, without a busy handler, and the WAL grow on).
    auto *checkpointer = static_cast<SqliteCheckpointer *>(self);
    if (pages >= 2 * hard_limit_pages) {
        const std::lock_guard checkpointing(checkpointer->checkpointing_);
        sqlite3_wal_checkpoint_v2(connection, database, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    } else if (pages >= threshold_pages)
        checkpointer->request(pages);
    else  // the WAL started over
        checkpointer->last_end_.store(0, std::memory_order_relaxed);
    return SQLITE_OK;
}

void SqliteCheckpointer::request(int pages) {
    {
        const std::lock_guard lock(mutex_);
        // The last checkpoint ran at `last_end` and the WAL did not start over
        // (a reader still used it): wait until it has grown by a quarter of
        // the threshold, rather than copy and sync again after every commit.
        const int last_end = last_end_.load(std::memory_order_relaxed);
        if (pending_ || (last_end > 0 && pages - last_end < threshold_pages / 4)) return;
        pending_ = true;
    }
    wanted_.notify_one();
}

namespace {

// A connection that has read the file, so that it knows the WAL (a fresh one
// takes the file for a rollback-journal database and checkpoints nothing).
sqlite3 *open_wal(const std::filesystem::path &file) {
    sqlite3 *connection = nullptr;
    if (sqlite3_open_v2(file.c_str(), &connection, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK &&
        sqlite3_exec(connection, "SELECT 1 FROM sqlite_master LIMIT 1", nullptr, nullptr, nullptr) ==
            SQLITE_OK)
        return connection;
    sqlite3_close(connection);
    return nullptr;
}

}  // namespace

// Two PASSIVE checkpoints (they copy what no reader still needs, without
// waiting for readers): the first, the bulk of the WAL, while the writers go
// on; the second, the few frames they added meanwhile, holding the writers'
// mutex. The WAL is then all copied before the next writer begins, and that
// writer starts it over. Without the second, under a steady write load the
// WAL's end was never reached: every commit asked again, and each
// checkpoint copied a handful of frames and synced the file twice. Its own
// connection, opened on first use: the file exists by then.
void SqliteCheckpointer::run() {
    sqlite3 *connection = nullptr;
    std::unique_lock lock(mutex_);
    while (true) {
        wanted_.wait(lock, [this] { return stopping_ || pending_; });
        if (stopping_) break;
        lock.unlock();
        if (connection == nullptr) connection = open_wal(file_);
        const WalCopy copy = connection != nullptr ? copy_wal(connection) : WalCopy{};
        lock.lock();
        pending_ = false;
        ++checkpoints_;
        if (copy.wal_frames > 0) last_end_.store(copy.wal_frames, std::memory_order_relaxed);
    }
    lock.unlock();
    sqlite3_close(connection);
}

SqliteCheckpointer::WalCopy SqliteCheckpointer::copy_wal(sqlite3 *connection) {
    WalCopy copy;
    {
        const std::lock_guard checkpointing(checkpointing_);
        if (sqlite3_wal_checkpoint_v2(connection, nullptr, SQLITE_CHECKPOINT_PASSIVE, &copy.wal_frames,
                                      &copy.copied_frames) != SQLITE_OK)
            return {};
    }
    // Lock order: writers, then checkpointing_ (a committing writer's hook takes them so).
    std::unique_lock<std::mutex> writers;
    if (writer_) writers = std::unique_lock(*writer_);
    const std::lock_guard checkpointing(checkpointing_);
    if (sqlite3_wal_checkpoint_v2(connection, nullptr, SQLITE_CHECKPOINT_PASSIVE, &copy.wal_frames,
                                  &copy.copied_frames) != SQLITE_OK)
        return {};
    return copy;
}

}  // namespace pim
