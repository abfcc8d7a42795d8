#include "storage/migrations.hpp"

#include "domain/errors.hpp"
#include "domain/text.hpp"
#include "storage/embedded_sql.hpp"

#include <algorithm>
#include <charconv>
#include <ctime>
#include <optional>

namespace pim {
namespace {

constexpr const char *create_version_table =
    "CREATE TABLE IF NOT EXISTS pim_schema_migration ("
    " version INTEGER NOT NULL PRIMARY KEY,"
    " name VARCHAR(255) NOT NULL,"
    " applied_at BIGINT NOT NULL)";

Migration parse_file(const embedded::SqlFile &file) {
    // "0001_clients_and_tokens.sql"
    Migration migration;
    const auto underscore = file.file_name.find('_');
    const auto dot = file.file_name.rfind(".sql");
    std::from_chars(file.file_name.data(), file.file_name.data() + underscore, migration.version);
    migration.name = std::string(file.file_name.substr(underscore + 1, dot - underscore - 1));
    migration.sql = file.sql;
    return migration;
}

// Serialises migrators of several processes: SQLite takes its write lock,
// the servers an advisory lock held by this session.
class MigrationLock {
public:
    explicit MigrationLock(Database &db) : db_(db) {
        switch (db_.backend()) {
            case Backend::sqlite3: transaction_.emplace(db_); break;
            case Backend::postgresql: db_.sql() << "SELECT pg_advisory_lock(724300101)"; break;
            case Backend::mysql: {
                int got = 0;
                db_.sql() << "SELECT GET_LOCK('pim_oauth_migrate', 60)", soci::into(got);
                if (got != 1)
                    throw StorageUnavailable("another process holds the migration lock; retry later");
                break;
            }
        }
    }
    ~MigrationLock() {
        try {
            if (db_.backend() == Backend::postgresql) db_.sql() << "SELECT pg_advisory_unlock(724300101)";
            if (db_.backend() == Backend::mysql) db_.sql() << "SELECT RELEASE_LOCK('pim_oauth_migrate')";
        } catch (...) {  // NOLINT(bugprone-empty-catch): the lock dies with the session anyway
        }
    }
    MigrationLock(const MigrationLock &) = delete;
    MigrationLock &operator=(const MigrationLock &) = delete;
    void commit() {
        if (transaction_) transaction_->commit();
    }

private:
    Database &db_;
    std::optional<WriteTransaction> transaction_;
};

}  // namespace

std::vector<Migration> migrations_for(Backend backend) {
    std::vector<Migration> out;
    for (std::size_t i = 0; i < embedded::sql_file_count; ++i)
        if (embedded::sql_files[i].backend == to_string(backend))
            out.push_back(parse_file(embedded::sql_files[i]));
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.version < b.version; });
    return out;
}

std::vector<std::string> split_sql_statements(std::string_view sql) {
    std::vector<std::string> statements;
    std::string current;
    while (!sql.empty()) {
        const auto newline = sql.find('\n');
        std::string_view line = sql.substr(0, newline);
        sql.remove_prefix(newline == std::string_view::npos ? sql.size() : newline + 1);
        const std::string_view trimmed = trim(line);
        if (trimmed.empty() || trimmed.substr(0, 2) == "--") continue;
        current.append(line).push_back('\n');
        if (trimmed.back() == ';') {
            current.erase(current.rfind(';'));
            statements.push_back(std::string(trim(current)));
            current.clear();
        }
    }
    if (!trim(current).empty()) statements.push_back(std::string(trim(current)));
    return statements;
}

Migrator::Migrator(Database &db) : db_(db), migrations_(migrations_for(db.backend())) {}

int Migrator::latest_version() const {
    return migrations_.empty() ? 0 : migrations_.back().version;
}

bool Migrator::version_table_exists() {
    int count = 0;
    switch (db_.backend()) {
        case Backend::sqlite3:
            db_.sql() << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = "
                         "'pim_schema_migration'",
                soci::into(count);
            break;
        case Backend::postgresql:
            db_.sql()
                << "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() "
                   "AND table_name = 'pim_schema_migration'",
                soci::into(count);
            break;
        case Backend::mysql:
            db_.sql() << "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() "
                         "AND table_name = 'pim_schema_migration'",
                soci::into(count);
            break;
    }
    return count > 0;
}

int Migrator::current_version() {
    return with_storage_errors(db_, [&] {
        if (!version_table_exists()) return 0;
        int version = 0;
        soci::indicator null_version = soci::i_ok;
        db_.sql() << "SELECT MAX(version) FROM pim_schema_migration", soci::into(version, null_version);
        return null_version == soci::i_null ? 0 : version;
    });
}

void Migrator::apply(const Migration &migration) {
    const bool own_transaction = db_.backend() == Backend::postgresql;
    if (own_transaction) db_.sql().begin();
    for (const auto &statement : split_sql_statements(migration.sql)) db_.sql() << statement;
    const auto now = static_cast<long long>(std::time(nullptr));
    db_.sql() << "INSERT INTO pim_schema_migration (version, name, applied_at) VALUES (:v, :n, :t)",
        soci::use(migration.version), soci::use(migration.name), soci::use(now);
    if (own_transaction) db_.sql().commit();
}

std::vector<Migration> Migrator::apply_pending() {
    return with_storage_errors(db_, [&] {
        MigrationLock lock(db_);
        db_.sql() << create_version_table;
        const int current = current_version();
        if (current > latest_version())
            throw SchemaMismatch("the database schema is at version " + std::to_string(current) +
                                 ", newer than this plugin knows (" + std::to_string(latest_version()) +
                                 "). Upgrade the plugin.");
        std::vector<Migration> applied;
        for (const auto &migration : migrations_) {
            if (migration.version <= current) continue;
            apply(migration);
            applied.push_back(migration);
        }
        lock.commit();
        return applied;
    });
}

void Migrator::require_current(const std::string &environment) {
    const int current = current_version();
    if (current == latest_version()) return;
    if (current > latest_version())
        throw SchemaMismatch("The database schema is at version " + std::to_string(current) +
                             ", newer than this plugin supports (" + std::to_string(latest_version()) +
                             "). Upgrade the plugin.");
    throw SchemaMismatch("The database schema is at version " + std::to_string(current) +
                         ", this plugin needs version " + std::to_string(latest_version()) +
                         ". Run: pim-host pim:db:migrate --env=" + environment);
}

}  // namespace pim
