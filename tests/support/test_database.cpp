#include "support/test_database.hpp"

#include <libpq-fe.h>
#include <mysql.h>
#include <sqlite3.h>
#include <unistd.h>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <stdexcept>

namespace pim::test {
namespace {

// Rewrites SQLite-style parameters (`?`, `?N`) for another backend: `bind(N)`
// gives the text that replaces parameter N (1-based). Quoted text is kept.
template <typename Bind>
std::string rewrite_parameters(const std::string &sql, Bind &&bind) {
    std::string out;
    int next = 0;
    char quote = 0;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        const char c = sql[i];
        if (quote != 0) {
            if (c == quote) quote = 0;
        } else if (c == '\'' || c == '"' || c == '`') {
            quote = c;
        } else if (c == '?') {
            std::size_t end = i + 1;
            while (end < sql.size() && std::isdigit(static_cast<unsigned char>(sql[end])) != 0) ++end;
            const int number = end > i + 1 ? std::stoi(sql.substr(i + 1, end - i - 1)) : ++next;
            out += bind(number);
            i = end - 1;
            continue;
        }
        out += c;
    }
    return out;
}

const std::string &parameter(const std::vector<std::string> &parameters, int number) {
    if (number < 1 || static_cast<std::size_t>(number) > parameters.size())
        throw std::runtime_error("SQL parameter ?" + std::to_string(number) + " has no value");
    return parameters[static_cast<std::size_t>(number) - 1];
}

std::vector<std::string> first_column(const std::vector<SqlRow> &rows) {
    std::vector<std::string> out;
    out.reserve(rows.size());
    for (const auto &row : rows) out.push_back(row.at(0));
    return out;
}

class SqliteConnection final : public SqlConnection {
public:
    explicit SqliteConnection(const std::filesystem::path &file) {
        if (sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
            const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
            sqlite3_close(db_);
            throw std::runtime_error("cannot open " + file.string() + ": " + message);
        }
        sqlite3_busy_timeout(db_, 10000);
    }
    ~SqliteConnection() override { sqlite3_close(db_); }
    SqliteConnection(const SqliteConnection &) = delete;
    SqliteConnection &operator=(const SqliteConnection &) = delete;

    std::vector<SqlRow> rows(const std::string &sql, const std::vector<std::string> &parameters) override {
        sqlite3_stmt *statement = nullptr;
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK)
            throw std::runtime_error(std::string("SQL error: ") + sqlite3_errmsg(db_) + " in " + sql);
        for (std::size_t i = 0; i < parameters.size(); ++i)
            sqlite3_bind_text(statement, static_cast<int>(i + 1), parameters[i].c_str(), -1,
                              SQLITE_TRANSIENT);
        std::vector<SqlRow> out;
        int step = 0;
        while ((step = sqlite3_step(statement)) == SQLITE_ROW) {
            SqlRow row;
            for (int c = 0; c < sqlite3_column_count(statement); ++c) {
                const auto *text = sqlite3_column_text(statement, c);
                row.emplace_back(text == nullptr ? "NULL" : reinterpret_cast<const char *>(text));
            }
            out.push_back(std::move(row));
        }
        sqlite3_finalize(statement);
        if (step != SQLITE_DONE)
            throw std::runtime_error(std::string("SQL error: ") + sqlite3_errmsg(db_) + " in " + sql);
        return out;
    }

    std::vector<std::string> tables() override {
        return first_column(
            rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                 "ORDER BY name",
                 {}));
    }

private:
    sqlite3 *db_ = nullptr;
};

class PostgresqlConnection final : public SqlConnection {
public:
    explicit PostgresqlConnection(const std::string &url) : conn_(PQconnectdb(url.c_str())) {
        if (PQstatus(conn_) != CONNECTION_OK) {
            const std::string message = PQerrorMessage(conn_);
            PQfinish(conn_);
            throw std::runtime_error("cannot connect to the test PostgreSQL server: " + message);
        }
    }
    ~PostgresqlConnection() override { PQfinish(conn_); }
    PostgresqlConnection(const PostgresqlConnection &) = delete;
    PostgresqlConnection &operator=(const PostgresqlConnection &) = delete;

    std::vector<SqlRow> rows(const std::string &sql, const std::vector<std::string> &parameters) override {
        const std::string text =
            rewrite_parameters(sql, [&](int number) { return "$" + std::to_string(number); });
        std::vector<const char *> values;
        values.reserve(parameters.size());
        for (const auto &value : parameters) values.push_back(value.c_str());
        PGresult *result = PQexecParams(conn_, text.c_str(), static_cast<int>(values.size()), nullptr,
                                        values.data(), nullptr, nullptr, 0);
        const auto status = PQresultStatus(result);
        if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
            const std::string message = PQresultErrorMessage(result);
            PQclear(result);
            throw std::runtime_error("SQL error: " + message + " in " + text);
        }
        std::vector<SqlRow> out;
        for (int r = 0; r < PQntuples(result); ++r) {
            SqlRow row;
            for (int c = 0; c < PQnfields(result); ++c)
                row.emplace_back(PQgetisnull(result, r, c) != 0 ? "NULL" : PQgetvalue(result, r, c));
            out.push_back(std::move(row));
        }
        PQclear(result);
        return out;
    }

    std::vector<std::string> tables() override {
        return first_column(rows(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename", {}));
    }

private:
    PGconn *conn_;
};

class MariadbConnection final : public SqlConnection {
public:
    explicit MariadbConnection(const std::string &url) : conn_(mysql_init(nullptr)) {
        const auto parsed = boost::urls::parse_uri(url);
        if (!parsed) throw std::runtime_error("not a MySQL URL: " + url);
        const std::string user(parsed->user()), password(parsed->password()), host(parsed->host());
        std::string db(parsed->path());
        if (!db.empty() && db.front() == '/') db.erase(0, 1);
        const unsigned port =
            parsed->has_port() ? static_cast<unsigned>(std::stoul(std::string(parsed->port()))) : 0;
        mysql_options(conn_, MYSQL_SET_CHARSET_NAME, "utf8mb4");
        if (mysql_real_connect(conn_, host.c_str(), user.c_str(), password.c_str(), db.c_str(), port, nullptr,
                               0) == nullptr) {
            const std::string message = mysql_error(conn_);
            mysql_close(conn_);
            throw std::runtime_error("cannot connect to the test MariaDB server: " + message);
        }
    }
    ~MariadbConnection() override { mysql_close(conn_); }
    MariadbConnection(const MariadbConnection &) = delete;
    MariadbConnection &operator=(const MariadbConnection &) = delete;

    std::vector<SqlRow> rows(const std::string &sql, const std::vector<std::string> &parameters) override {
        // The text protocol with escaped literals: enough for tests, and no MYSQL_BIND arrays.
        const std::string text = rewrite_parameters(sql, [&](int number) {
            const std::string &value = parameter(parameters, number);
            std::string escaped(value.size() * 2 + 1, '\0');
            escaped.resize(mysql_real_escape_string(conn_, escaped.data(), value.data(), value.size()));
            return "'" + escaped + "'";
        });
        if (mysql_real_query(conn_, text.data(), text.size()) != 0)
            throw std::runtime_error(std::string("SQL error: ") + mysql_error(conn_) + " in " + text);
        MYSQL_RES *result = mysql_store_result(conn_);
        std::vector<SqlRow> out;
        if (result == nullptr) {
            if (mysql_field_count(conn_) != 0)
                throw std::runtime_error(std::string("SQL error: ") + mysql_error(conn_) + " in " + text);
            return out;
        }
        const unsigned columns = mysql_num_fields(result);
        while (MYSQL_ROW fields = mysql_fetch_row(result)) {
            const unsigned long *lengths = mysql_fetch_lengths(result);
            SqlRow row;
            for (unsigned c = 0; c < columns; ++c)
                row.emplace_back(fields[c] == nullptr ? std::string("NULL")
                                                      : std::string(fields[c], lengths[c]));
            out.push_back(std::move(row));
        }
        mysql_free_result(result);
        return out;
    }

    std::vector<std::string> tables() override {
        return first_column(
            rows("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() "
                 "ORDER BY table_name",
                 {}));
    }

private:
    MYSQL *conn_;
};

// Where tests/servers/*.sh wrote their facts: the build's, unless
// PIM_TEST_SERVERS_DIR names servers started by hand.
std::filesystem::path servers_dir() {
    const char *dir = std::getenv("PIM_TEST_SERVERS_DIR");
    return dir != nullptr && *dir != '\0' ? std::filesystem::path(dir)
                                          : std::filesystem::path(PIM_TEST_SERVERS_DIR);
}

// KEY=VALUE lines of <servers dir>/<backend>/env.
std::map<std::string, std::string> server_facts(TestBackend backend) {
    const auto file = servers_dir() / backend_name(backend) / "env";
    std::ifstream stream(file);
    if (!stream) {
        const std::string name = backend_name(backend);
        throw std::runtime_error("PIM_TEST_BACKEND=" + name + " but no test server runs: " + file.string() +
                                 " is missing. Run the tests through ctest (fixture servers." + name +
                                 ".start), or: tests/servers/" + name + ".sh start " +
                                 file.parent_path().string());
    }
    std::map<std::string, std::string> facts;
    for (std::string line; std::getline(stream, line);) {
        const auto equals = line.find('=');
        if (line.empty() || line.front() == '#' || equals == std::string::npos) continue;
        facts[line.substr(0, equals)] = line.substr(equals + 1);
    }
    return facts;
}

std::string fact(const std::map<std::string, std::string> &facts, const std::string &key) {
    const auto found = facts.find(key);
    if (found == facts.end()) throw std::runtime_error("the test server's env file has no " + key);
    return found->second;
}

std::string with_database(const std::string &url, const std::string &database) {
    boost::urls::url copy(boost::urls::parse_uri(url).value());
    copy.set_path("/" + database);
    return std::string(copy.buffer());
}

std::string unique_database_name() {
    static int counter = 0;
    std::random_device device;
    return "pim_test_" + std::to_string(getpid()) + "_" + std::to_string(++counter) + "_" +
           std::to_string(device() % 1000000);
}

}  // namespace

TestBackend test_backend() {
    const char *value = std::getenv("PIM_TEST_BACKEND");
    const std::string name = value == nullptr ? "" : value;
    if (name.empty() || name == "sqlite") return TestBackend::sqlite;
    if (name == "postgresql") return TestBackend::postgresql;
    if (name == "mariadb") return TestBackend::mariadb;
    throw std::runtime_error("PIM_TEST_BACKEND=" + name + ": use sqlite, postgresql or mariadb");
}

std::string backend_name(TestBackend backend) {
    switch (backend) {
        case TestBackend::sqlite: return "sqlite";
        case TestBackend::postgresql: return "postgresql";
        case TestBackend::mariadb: return "mariadb";
    }
    return "";
}

std::string SqlConnection::value(const std::string &sql, const std::vector<std::string> &parameters) {
    const auto result = rows(sql, parameters);
    if (result.size() != 1 || result[0].size() != 1)
        throw std::runtime_error("expected one value from " + sql);
    return result[0][0];
}

void SqlConnection::execute(const std::string &sql, const std::vector<std::string> &parameters) {
    rows(sql, parameters);
}

std::string SqlConnection::dump() {
    std::string out;
    for (const auto &table : tables()) {
        out += "[" + table + "]\n";
        auto all = rows("SELECT * FROM " + table, {});
        std::sort(all.begin(), all.end());
        for (const auto &row : all) {
            for (const auto &cell : row) out += cell + "|";
            out += "\n";
        }
    }
    return out;
}

std::unique_ptr<SqlConnection> open_sqlite(const std::filesystem::path &file) {
    return std::make_unique<SqliteConnection>(file);
}

std::unique_ptr<SqlConnection> open_server(TestBackend backend, const std::string &url) {
    if (backend == TestBackend::postgresql) return std::make_unique<PostgresqlConnection>(url);
    if (backend == TestBackend::mariadb) return std::make_unique<MariadbConnection>(url);
    throw std::logic_error("open_server: SQLite has no server");
}

ServerDatabase::ServerDatabase(TestBackend backend) : backend_(backend), name_(unique_database_name()) {
    const auto facts = server_facts(backend);
    const std::string prefix = backend == TestBackend::postgresql ? "PIM_TEST_PG_" : "PIM_TEST_MARIADB_";
    url_ = with_database(fact(facts, prefix + "URL"), name_);
    admin_url_ = fact(facts, prefix + "ADMIN_URL");
    const auto admin = open_server(backend_, admin_url_);
    if (backend == TestBackend::postgresql)
        admin->execute("CREATE DATABASE " + name_ + " OWNER pim");
    else
        admin->execute("CREATE DATABASE " +
                       name_);  // the server's default character set: the schema sets its own
}

ServerDatabase::~ServerDatabase() {
    try {
        const auto admin = open_server(backend_, admin_url_);
        // FORCE: a pim-host killed by a test may still hold a connection.
        admin->execute(backend_ == TestBackend::postgresql
                           ? "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)"
                           : "DROP DATABASE IF EXISTS " + name_);
    } catch (...) {  // NOLINT(bugprone-empty-catch): the server and its data go away with the fixture
    }
}

}  // namespace pim::test
