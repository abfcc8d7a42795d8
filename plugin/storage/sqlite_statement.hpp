// A statement prepared once on SOCI's SQLite connection and run many times
// through SQLite's C API, where SOCI's per-column conversions cost too much
// on the hot paths (storage/ only).
#pragma once

#include "storage/database.hpp"

#include <soci/sqlite3/soci-sqlite3.h>  // declares the SQLite C API in namespace sqlite_api

namespace pim {

// The SQLite connection under SOCI's session of `db` (an SQLite database).
sqlite_api::sqlite3 *sqlite_connection(Database &db);

class SqliteStatement {
public:
    // Throws soci::sqlite3_soci_error, as SOCI would, when `sql` does not prepare.
    SqliteStatement(Database &db, const char *sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    [[nodiscard]] sqlite_api::sqlite3_stmt *get() const { return statement_; }
    // Throws soci::sqlite3_soci_error unless `rc` is SQLITE_ROW or SQLITE_DONE.
    void check(int rc) const;

    // One run: resets the statement when it leaves scope, which ends the
    // read transaction a statement left on a row would keep open.
    class Run {
    public:
        explicit Run(const SqliteStatement &statement) : statement_(statement.get()) {}
        ~Run() {
            sqlite_api::sqlite3_reset(statement_);
            sqlite_api::sqlite3_clear_bindings(statement_);  // no view of the caller's text outlives the run
        }
        Run(const Run &) = delete;
        Run &operator=(const Run &) = delete;

    private:
        sqlite_api::sqlite3_stmt *statement_;
    };

private:
    sqlite_api::sqlite3_stmt *statement_ = nullptr;
};

}  // namespace pim
