// Pooled SQLite connections leave WAL checkpoints to a thread of their own
// (storage/sqlite_checkpointer): a commit past the threshold does not copy
// pages or fsync itself, the thread does, and the WAL stays bounded.
#include "storage/sqlite_checkpointer.hpp"
#include "storage/database.hpp"
#include "support/sandbox.hpp"

#include <soci/sqlite3/soci-sqlite3.h>
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

namespace {

// Writes about `pages` WAL pages through `db`, one small transaction each.
void write_pages(pim::Database &db, int pages) {
    db.sql() << "CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, text TEXT)";
    const std::string text(3000, 'x');  // about one page a row
    for (int i = 0; i < pages; ++i) {
        pim::WriteTransaction transaction(db);
        db.sql() << "INSERT INTO filler (text) VALUES (:t)", soci::use(text);
        transaction.commit();
    }
}

std::uintmax_t wal_size(const std::filesystem::path &file) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(file.string() + "-wal", ec);
    return ec ? 0 : size;
}

// The checkpointer's runs once it has had up to 10 s to finish the one it
// was asked for: under ctest -j2 its thread may not have run before the
// writes end.
long checkpoints_after_catching_up(const pim::SqliteCheckpointer &checkpointer) {
    for (int waited_ms = 0; checkpointer.checkpoints() == 0 && waited_ms < 10000; waited_ms += 10)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return checkpointer.checkpoints();
}

// A busy disk for checkpoints: while this lives, SQLite's default VFS is one
// whose writes to a database file sleep 1 ms each when made by another
// thread than the one that armed it, for the next 2,000 of them (the
// background thread's copying of about 2 s). The armer's writes to the WAL
// are not slowed.
class SlowCheckpointDisk {
public:
    SlowCheckpointDisk() : vfs_(*sqlite_api::sqlite3_vfs_find(nullptr)) {
        vfs_.zName = "slow-checkpoint";
        vfs_.xOpen = &open;
        sqlite_api::sqlite3_vfs_register(&vfs_, 1);
    }
    ~SlowCheckpointDisk() { sqlite_api::sqlite3_vfs_unregister(&vfs_); }
    SlowCheckpointDisk(const SlowCheckpointDisk &) = delete;
    SlowCheckpointDisk &operator=(const SlowCheckpointDisk &) = delete;

    static void slow_down_other_threads() {
        writer_thread = std::this_thread::get_id();
        slow_writes_left = 2000;
    }

private:
    static int open(sqlite_api::sqlite3_vfs * /*vfs*/, const char *name, sqlite_api::sqlite3_file *file,
                    int flags, int *out_flags) {
        sqlite_api::sqlite3_vfs *real = sqlite_api::sqlite3_vfs_find("unix");
        const int rc = real->xOpen(real, name, file, flags, out_flags);
        if (rc == SQLITE_OK && (flags & SQLITE_OPEN_MAIN_DB) != 0 && file->pMethods != nullptr) {
            // The file stays the real one; only its method table is swapped.
            static const sqlite_api::sqlite3_io_methods *const real_methods = file->pMethods;
            static sqlite_api::sqlite3_io_methods slow_methods = [] {
                sqlite_api::sqlite3_io_methods methods = *real_methods;
                methods.xWrite = [](sqlite_api::sqlite3_file *f, const void *data, int amount,
                                    sqlite_api::sqlite3_int64 offset) {
                    if (std::this_thread::get_id() != writer_thread && slow_writes_left.fetch_sub(1) > 0)
                        std::this_thread::sleep_for(std::chrono::milliseconds(1));
                    return real_methods->xWrite(f, data, amount, offset);
                };
                return methods;
            }();
            if (file->pMethods == real_methods) file->pMethods = &slow_methods;
        }
        return rc;
    }

    static inline std::atomic<int> slow_writes_left{0};
    static inline std::thread::id writer_thread;
    sqlite_api::sqlite3_vfs vfs_;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(sqlite_checkpointer)

BOOST_AUTO_TEST_CASE(pooled_connections_checkpoint_in_the_background) {
    const pim::test::TempDir dir;
    const auto url = pim::parse_database_url("sqlite3://test.db", dir.path());
    pim::Database db(url, 2000, true);
    const auto checkpointer = pim::SqliteCheckpointer::for_file(url.sqlite_path, nullptr);  // db's
    // A steady write load (about 3 pages a row, 36,000 pages, 150 MB of WAL
    // frames without checkpoints): the WAL is checkpointed and started over
    // as it grows, never much past twice the hard limit.
    write_pages(db, 3 * pim::SqliteCheckpointer::hard_limit_pages);
    BOOST_TEST(checkpoints_after_catching_up(*checkpointer) > 0);
    const std::uintmax_t limit_bytes =
        (2U * pim::SqliteCheckpointer::hard_limit_pages + 100U) * (4096U + 24U);
    BOOST_TEST(wal_size(url.sqlite_path) < limit_bytes, wal_size(url.sqlite_path)
                                                            << " bytes " << checkpointer->checkpoints());
}

BOOST_AUTO_TEST_CASE(a_slow_background_checkpoint_does_not_let_the_wal_grow_past_the_hard_limit) {
    const SlowCheckpointDisk disk;
    const pim::test::TempDir dir;
    const auto url = pim::parse_database_url("sqlite3://test.db", dir.path());
    pim::Database db(url, 2000, true);
    write_pages(db, 1);                             // the file is created
    SlowCheckpointDisk::slow_down_other_threads();  // the background thread's copying
    // While the thread's checkpoint copies, the writers go on; once the WAL is
    // past twice the hard limit, a commit waits for that checkpoint and runs
    // its own. (When that commit's checkpoint found the thread's running and
    // gave up, this WAL grew to several times the limit.)
    write_pages(db, 3 * pim::SqliteCheckpointer::hard_limit_pages);
    const std::uintmax_t limit_bytes =
        (2U * pim::SqliteCheckpointer::hard_limit_pages + 100U) * (4096U + 24U);
    BOOST_TEST(wal_size(url.sqlite_path) < limit_bytes, wal_size(url.sqlite_path) << " bytes");
}

BOOST_AUTO_TEST_CASE(under_a_steady_load_the_wal_starts_over_once_per_threshold) {
    const pim::test::TempDir dir;
    const auto url = pim::parse_database_url("sqlite3://test.db", dir.path());
    pim::Database db(url, 2000, true);
    const auto checkpointer = pim::SqliteCheckpointer::for_file(url.sqlite_path, nullptr);  // db's
    // Commits one after the other, as a server's writers make them: each
    // checkpoint reaches the WAL's end, and the next writer starts it over.
    // (When each checkpoint copied only the frames of a few commits and the
    // WAL never started over, this made about 50 checkpoints.)
    const int pages = 6 * pim::SqliteCheckpointer::threshold_pages;
    write_pages(db, pages / 3);
    BOOST_TEST(checkpoints_after_catching_up(*checkpointer) > 0);
    BOOST_TEST(checkpointer->checkpoints() <= 2 * pages / pim::SqliteCheckpointer::threshold_pages,
               checkpointer->checkpoints() << " checkpoints");
}

BOOST_AUTO_TEST_CASE(a_wal_held_by_a_reader_is_checkpointed_again_only_as_it_grows) {
    const pim::test::TempDir dir;
    const auto url = pim::parse_database_url("sqlite3://test.db", dir.path());
    pim::Database db(url, 2000, true);
    const auto checkpointer = pim::SqliteCheckpointer::for_file(url.sqlite_path, nullptr);  // db's
    write_pages(db, 1);
    pim::Database reader(url, 2000);
    int rows = 0;
    reader.sql() << "BEGIN";
    reader.sql() << "SELECT count(*) FROM filler", soci::into(rows);  // its snapshot keeps the WAL
    // About 6,000 frames: asked for at 1,000, then every 250 more, not after every commit.
    const int pages = 6 * pim::SqliteCheckpointer::threshold_pages;
    write_pages(db, pages / 3);
    reader.sql() << "COMMIT";
    const int most = (pages - pim::SqliteCheckpointer::threshold_pages) / 250 + 2;
    BOOST_TEST(checkpointer->checkpoints() <= most, checkpointer->checkpoints() << " checkpoints");
}

BOOST_AUTO_TEST_CASE(a_connection_without_it_checkpoints_as_sqlite_does) {
    const pim::test::TempDir dir;
    const auto url = pim::parse_database_url("sqlite3://test.db", dir.path());
    const auto checkpointer = pim::SqliteCheckpointer::for_file(url.sqlite_path, nullptr);
    pim::Database db(url, 2000);  // a console command's connection
    write_pages(db, 3 * pim::SqliteCheckpointer::threshold_pages);
    BOOST_TEST(checkpointer->checkpoints() == 0);  // its commits checkpoint themselves
    // SQLite's own checkpoints keep the WAL near its threshold.
    BOOST_TEST(wal_size(url.sqlite_path) < 2U * pim::SqliteCheckpointer::threshold_pages * 4096U * 2U,
               wal_size(url.sqlite_path) << " bytes");
}

BOOST_AUTO_TEST_SUITE_END()
