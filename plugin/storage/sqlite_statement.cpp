#include "storage/sqlite_statement.hpp"

namespace pim {

using namespace sqlite_api;  // NOLINT(google-build-using-namespace): SOCI's wrapping of sqlite3.h

sqlite3 *sqlite_connection(Database &db) {
    return static_cast<soci::sqlite3_session_backend *>(db.sql().get_backend())->conn_;
}

SqliteStatement::SqliteStatement(Database &db, const char *sql) {
    sqlite3 *connection = sqlite_connection(db);
    if (sqlite3_prepare_v3(connection, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement_, nullptr) != SQLITE_OK)
        throw soci::sqlite3_soci_error(sqlite3_errmsg(connection), sqlite3_errcode(connection));
}

SqliteStatement::~SqliteStatement() {
    sqlite3_finalize(statement_);
}

void SqliteStatement::check(int rc) const {
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        throw soci::sqlite3_soci_error(sqlite3_errmsg(sqlite3_db_handle(statement_)), rc);
}

}  // namespace pim
