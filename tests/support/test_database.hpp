// The database the integration tests run against: the sandbox's SQLite file
// by default, or a database of its own on a test server started by
// tests/servers/*.sh when PIM_TEST_BACKEND=postgresql or mariadb. Tests read
// what was stored through each backend's own C client library.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace pim::test {

enum class TestBackend { sqlite, postgresql, mariadb };

// From PIM_TEST_BACKEND: unset, "" or "sqlite" → sqlite. Anything unknown throws.
TestBackend test_backend();
std::string backend_name(TestBackend backend);

// Every column of a row as text; "NULL" for SQL NULL.
using SqlRow = std::vector<std::string>;

// A connection for the tests' own SQL. Parameters are written like
// SQLite's: `?` (the next one) or `?N` (the Nth), and always bound as text.
class SqlConnection {
public:
    SqlConnection() = default;
    virtual ~SqlConnection() = default;
    SqlConnection(const SqlConnection &) = delete;
    SqlConnection &operator=(const SqlConnection &) = delete;

    virtual std::vector<SqlRow> rows(const std::string &sql,
                                     const std::vector<std::string> &parameters = {}) = 0;
    // The names of the database's tables, sorted.
    virtual std::vector<std::string> tables() = 0;

    std::string value(const std::string &sql, const std::vector<std::string> &parameters = {});
    void execute(const std::string &sql, const std::vector<std::string> &parameters = {});
    // Every row of every table, as text ("[table]" lines, then one line per row
    // with its cells each followed by '|'), rows sorted: equal data, equal dumps.
    std::string dump();
};

std::unique_ptr<SqlConnection> open_sqlite(const std::filesystem::path &file);
// url: postgresql://… (given to libpq as is) or mysql://user:pass@host:port/db.
std::unique_ptr<SqlConnection> open_server(TestBackend backend, const std::string &url);

// A fresh database on the test server of `backend`, owned by the plugin's
// user and dropped when the object goes away. The server's facts come from
// <state dir>/env, written by tests/servers/<backend>.sh start.
class ServerDatabase {
public:
    explicit ServerDatabase(TestBackend backend);
    ~ServerDatabase();
    ServerDatabase(const ServerDatabase &) = delete;
    ServerDatabase &operator=(const ServerDatabase &) = delete;

    // The plugin's URL of this database (PIM_DATABASE_URL).
    [[nodiscard]] const std::string &url() const { return url_; }
    [[nodiscard]] std::unique_ptr<SqlConnection> connect() const { return open_server(backend_, url_); }

private:
    TestBackend backend_;
    std::string name_, url_, admin_url_;
};

}  // namespace pim::test
