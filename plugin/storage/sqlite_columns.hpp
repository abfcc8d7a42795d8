// Reading SQLite result columns through the C API on SOCI's connection, where
// SOCI's per-column text conversions cost too much (storage/ only).
#pragma once

#include <soci/sqlite3/soci-sqlite3.h>  // declares the SQLite C API in namespace sqlite_api

#include <cstddef>
#include <string>

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

}  // namespace pim
