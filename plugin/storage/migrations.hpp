// Schema migrations: sql/<backend>/NNNN_name.sql, applied in order and
// recorded in pim_schema_migration.
#pragma once

#include "storage/database.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace pim {

struct Migration {
    int version = 0;
    std::string name;  // "clients_and_tokens"
    std::string_view sql;
};

std::vector<Migration> migrations_for(Backend backend);
// Statements of a migration file: each ends with ';' at the end of a line.
std::vector<std::string> split_sql_statements(std::string_view sql);

class Migrator {
public:
    explicit Migrator(Database &db);
    [[nodiscard]] int current_version();  // 0 on an empty database
    [[nodiscard]] int latest_version() const;
    // Applies what is missing, under a lock that serialises concurrent
    // migrators; returns what it applied (empty when up to date).
    std::vector<Migration> apply_pending();
    // Throws SchemaMismatch unless the schema is exactly the latest one.
    void require_current(const std::string &environment);

private:
    bool version_table_exists();
    void apply(const Migration &migration);

    Database &db_;
    std::vector<Migration> migrations_;
};

}  // namespace pim
