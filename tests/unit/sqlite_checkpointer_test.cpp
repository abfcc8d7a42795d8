// Pooled SQLite connections leave WAL checkpoints to a thread of their own
// (storage/sqlite_checkpointer): a commit past the threshold does not copy
// pages or fsync itself, the thread does, and the WAL stays bounded.
#include "storage/sqlite_checkpointer.hpp"
#include "storage/database.hpp"
#include "support/sandbox.hpp"

#include <boost/test/unit_test.hpp>

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
