// Binding SQLite parameters and reading result columns through the C API on
// SOCI's connection, where SOCI's per-column conversions cost too much
// (storage/ only).
#pragma once

#include <soci/sqlite3/soci-sqlite3.h>  // declares the SQLite C API in namespace sqlite_api

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pim {

// The column's text into `out`, reusing its capacity; empty for NULL.
inline void assign_column_text(sqlite_api::sqlite3_stmt *statement, int column, std::string &out) {
    const auto *text = sqlite_api::sqlite3_column_text(statement, column);
    if (text == nullptr)
        out.clear();
    else
        out.assign(reinterpret_cast<const char *>(text),
                   static_cast<std::size_t>(sqlite_api::sqlite3_column_bytes(statement, column)));
}

// Binds a view of `text`: it must outlive the statement's run (SqliteStatement::Run).
inline void bind_text(sqlite_api::sqlite3_stmt *statement, int parameter, std::string_view text) {
    sqlite_api::sqlite3_bind_text(statement, parameter, text.data(), static_cast<int>(text.size()),
                                  SQLITE_STATIC);
}

// The column's integer, or nullopt for NULL.
inline std::optional<std::int64_t> column_if_not_null(sqlite_api::sqlite3_stmt *statement, int column) {
    if (sqlite_api::sqlite3_column_type(statement, column) == SQLITE_NULL) return std::nullopt;
    return sqlite_api::sqlite3_column_int64(statement, column);
}

}  // namespace pim
