// database.url / PIM_DATABASE_URL: which SOCI backend, and how to connect.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace pim {

enum class Backend { sqlite3, postgresql, mysql };
std::string_view to_string(Backend backend);

struct DatabaseUrl {
    Backend backend = Backend::sqlite3;
    std::string connect_string;         // for soci::session; may hold a password
    std::string display;                // for messages: the password masked
    std::filesystem::path sqlite_path;  // sqlite3 only, absolute
};

// Accepted forms:
//   sqlite3:///abs/path.db   sqlite3://relative/path.db (relative to the project dir)
//   postgresql://user:pass@host:port/db?sslmode=...   (also postgres://)
//   mysql://user:pass@host:port/db?unix_socket=/path    (also mariadb://)
// Throws std::invalid_argument with a user-facing reason.
DatabaseUrl parse_database_url(std::string_view url, const std::filesystem::path &project_dir);

}  // namespace pim
