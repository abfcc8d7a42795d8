// WAL checkpoints of a SQLite file, run by a thread of their own instead of
// by the transaction that happens to cross SQLite's threshold: that one
// would copy ~1000 pages and fsync while holding the write lock, and every
// other writer of the process would wait for it. Writers go on while the
// thread copies the bulk of the WAL; it copies the last few frames holding
// the process's writer mutex, so that the next writer starts the WAL over.
// Should the WAL still grow (the thread slowed down by a busy disk, another
// process writing, a long reader), past twice a hard limit the committing
// connection checkpoints itself, as SQLite would, once the thread's
// checkpoint is done.
#pragma once

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>

namespace sqlite_api {
struct sqlite3;
}

namespace pim {

class SqliteCheckpointer {
public:
    // The WAL size (pages) from which a commit asks for a checkpoint: SQLite's own default.
    static constexpr int threshold_pages = 1000;
    // Half the WAL size from which a committing connection checkpoints itself.
    static constexpr int hard_limit_pages = 4 * threshold_pages;

    // One per file in the process, shared by the connections that attach to it;
    // the thread stops when the last of them is gone.
    // `writer` is the mutex the process's writers of the file take.
    static std::shared_ptr<SqliteCheckpointer> for_file(const std::filesystem::path &file,
                                                        std::shared_ptr<std::mutex> writer);

    SqliteCheckpointer(std::filesystem::path file, std::shared_ptr<std::mutex> writer);
    ~SqliteCheckpointer();
    SqliteCheckpointer(const SqliteCheckpointer &) = delete;
    SqliteCheckpointer &operator=(const SqliteCheckpointer &) = delete;

    // The connection's commits no longer checkpoint; they ask this thread to.
    // The connection must be closed before this object is destroyed.
    void attach(sqlite_api::sqlite3 *connection);
    // Checkpoints this thread ran so far (tests).
    [[nodiscard]] long checkpoints() const;

private:
    static int wal_hook(void *self, sqlite_api::sqlite3 *connection, const char *database, int pages);
    void request(int pages);
    void run();
    struct WalCopy {
        int wal_frames = 0;
        int copied_frames = 0;  // all of them once the WAL is copied to its end
    };
    WalCopy copy_wal(sqlite_api::sqlite3 *connection);

    std::filesystem::path file_;
    std::shared_ptr<std::mutex> writer_;
    mutable std::mutex mutex_;
    // Held while this process runs a checkpoint of the file: SQLite allows one at a time.
    std::mutex checkpointing_;
    std::condition_variable wanted_;
    bool pending_ = false;
    // The WAL's size (frames) at the last checkpoint; 0 once the WAL started over.
    std::atomic<int> last_end_{0};
    bool stopping_ = false;
    long checkpoints_ = 0;
    std::thread thread_;
};

}  // namespace pim
