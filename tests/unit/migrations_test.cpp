#include "storage_fixture.hpp"

#include <boost/test/unit_test.hpp>

BOOST_AUTO_TEST_SUITE(migrations)

BOOST_AUTO_TEST_CASE(every_backend_has_the_same_numbered_migrations) {
    const auto sqlite = pim::migrations_for(pim::Backend::sqlite3);
    BOOST_TEST_REQUIRE(!sqlite.empty());
    for (const auto backend : {pim::Backend::postgresql, pim::Backend::mysql}) {
        const auto other = pim::migrations_for(backend);
        BOOST_TEST_REQUIRE(other.size() == sqlite.size());
        for (std::size_t i = 0; i < sqlite.size(); ++i) {
            BOOST_TEST(other[i].version == sqlite[i].version);
            BOOST_TEST(other[i].name == sqlite[i].name);
            BOOST_TEST(pim::split_sql_statements(other[i].sql).size() > 0U);
        }
    }
    for (std::size_t i = 0; i < sqlite.size(); ++i) BOOST_TEST(sqlite[i].version == static_cast<int>(i + 1));
}

BOOST_AUTO_TEST_CASE(statements_split_at_line_ends) {
    const auto statements =
        pim::split_sql_statements("-- comment\nCREATE TABLE a (x INT);\n\nCREATE TABLE b (\n  y INT\n);\n");
    BOOST_TEST_REQUIRE(statements.size() == 2U);
    BOOST_TEST(statements[0] == "CREATE TABLE a (x INT)");
    BOOST_TEST(statements[1] == "CREATE TABLE b (\n  y INT\n)");
}

BOOST_FIXTURE_TEST_CASE(apply_is_idempotent_and_recorded, SqliteFixture) {
    pim::Migrator migrator(db);
    BOOST_TEST(migrator.current_version() == 0);
    BOOST_CHECK_THROW(migrator.require_current("prod"), pim::SchemaMismatch);
    const auto applied = migrator.apply_pending();
    BOOST_TEST(applied.size() == pim::migrations_for(pim::Backend::sqlite3).size());
    BOOST_TEST(migrator.current_version() == migrator.latest_version());
    BOOST_TEST(migrator.apply_pending().empty());
    BOOST_CHECK_NO_THROW(migrator.require_current("prod"));
    int tables = 0;
    db.sql() << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name LIKE 'pim_%'",
        soci::into(tables);
    BOOST_TEST(tables >= 10);
    std::string mode;
    db.sql() << "PRAGMA journal_mode", soci::into(mode);
    BOOST_TEST(mode == "wal");
    int foreign_keys = 0;
    db.sql() << "PRAGMA foreign_keys", soci::into(foreign_keys);
    BOOST_TEST(foreign_keys == 1);
}

BOOST_FIXTURE_TEST_CASE(a_newer_schema_is_refused, SqliteFixture) {
    pim::Migrator migrator(db);
    migrator.apply_pending();
    db.sql() << "INSERT INTO pim_schema_migration (version, name, applied_at) VALUES (999, 'future', 0)";
    BOOST_CHECK_EXCEPTION(
        migrator.require_current("prod"), pim::SchemaMismatch, [](const pim::SchemaMismatch &e) {
            return std::string(e.what()).find("newer than this plugin supports") != std::string::npos;
        });
    BOOST_CHECK_THROW(migrator.apply_pending(), pim::SchemaMismatch);
}

BOOST_AUTO_TEST_CASE(database_urls) {
    const auto relative = pim::parse_database_url("sqlite3://var/dev.db", "/srv/pim");
    BOOST_TEST(relative.sqlite_path == "/srv/pim/var/dev.db");
    BOOST_TEST(pim::parse_database_url("sqlite3:///abs/x.db", "/srv").sqlite_path == "/abs/x.db");
    const auto pg = pim::parse_database_url("postgresql://pim:s3cret@db:5432/pim", "/");
    BOOST_TEST((pg.backend == pim::Backend::postgresql));
    BOOST_TEST(pg.display.find("s3cret") == std::string::npos);
    BOOST_TEST(pg.connect_string == "postgresql://pim:s3cret@db:5432/pim?application_name=pim-oauth");
    BOOST_TEST(pim::parse_database_url("postgresql://db/pim?sslmode=require", "/").connect_string ==
               "postgresql://db/pim?sslmode=require&application_name=pim-oauth");
    const auto my =
        pim::parse_database_url("mysql://pim:p%40ss@127.0.0.1:3306/pim?unix_socket=/run/m.sock", "/");
    BOOST_TEST((my.backend == pim::Backend::mysql));
    BOOST_TEST(my.connect_string ==
               "db='pim' charset=utf8mb4 user='pim' password='p@ss' host='127.0.0.1' port=3306 "
               "unix_socket='/run/m.sock'");
    BOOST_TEST(my.display.find("p%40ss") == std::string::npos);
    BOOST_CHECK_THROW(pim::parse_database_url("oracle://x", "/"), std::invalid_argument);
    BOOST_CHECK_THROW(pim::parse_database_url("sqlite3://", "/"), std::invalid_argument);
    BOOST_CHECK_THROW(pim::parse_database_url("mysql://u@h/db?ssl=1", "/"), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
