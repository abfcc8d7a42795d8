#include "storage/refresh_grant_statements.hpp"

#include "storage/sqlite_columns.hpp"
#include "storage/sqlite_statement.hpp"

namespace pim {
namespace {

const char *const find_sql =
    "SELECT t.id, t.client_id, t.user_id, t.family_id, t.expires_at, t.used_at, t.issued_at, "
    "u.enabled, u.username FROM pim_api_refresh_token t "
    "LEFT JOIN pim_user u ON u.id = t.user_id WHERE t.token_hash = :h";
const char *const mark_used_sql =
    "UPDATE pim_api_refresh_token SET used_at = :t WHERE id = :id AND used_at IS NULL";

std::string insert_sql(const char *table) {
    return std::string("INSERT INTO ") + table +
           " (token_hash, client_id, user_id, family_id, expires_at, issued_at) VALUES (:h, :c, :u, :f, :e, "
           ":i)";
}

class SociRefreshGrant final : public RefreshGrantStatements {
public:
    explicit SociRefreshGrant(Database &db)
        : find_(db.sql()),
          mark_used_(db.sql()),
          insert_access_(db, "pim_api_access_token"),
          insert_refresh_(db, "pim_api_refresh_token") {
        find_.exchange(soci::use(hash_));
        find_.exchange(soci::into(id_));
        find_.exchange(soci::into(client_id_));
        find_.exchange(soci::into(user_id_, user_indicator_));
        find_.exchange(soci::into(family_id_));
        find_.exchange(soci::into(expires_at_));
        find_.exchange(soci::into(used_at_, used_indicator_));
        find_.exchange(soci::into(issued_at_));
        find_.exchange(soci::into(enabled_, enabled_indicator_));
        find_.exchange(soci::into(username_, username_indicator_));
        find_.alloc();
        find_.prepare(find_sql);
        find_.define_and_bind();

        mark_used_.exchange(soci::use(mark_now_));
        mark_used_.exchange(soci::use(mark_id_));
        mark_used_.alloc();
        mark_used_.prepare(mark_used_sql);
        mark_used_.define_and_bind();
    }

    std::optional<RefreshTokenRow> find(const std::string &hash) override {
        hash_ = hash;
        if (!find_.execute(true)) return std::nullopt;
        RefreshTokenRow row;
        row.id = id_;
        row.client_id = client_id_;
        if (user_indicator_ == soci::i_ok) row.user_id = user_id_;
        row.family_id = family_id_;
        row.expires_at = expires_at_;
        if (used_indicator_ == soci::i_ok) row.used_at = used_at_;
        row.issued_at = issued_at_;
        row.user_enabled = enabled_indicator_ == soci::i_ok && enabled_ != 0;
        if (username_indicator_ == soci::i_ok) row.username = username_;
        // Run to the end (the hash is unique): a statement left on its row would
        // keep its read open.
        while (find_.fetch()) {
        }
        return row;
    }

    bool mark_used(std::int64_t id, std::int64_t now) override {
        mark_id_ = id;
        mark_now_ = now;
        mark_used_.execute(true);
        return mark_used_.get_affected_rows() == 1;
    }

    void insert_access(const std::string &hash, const StoredToken &token) override {
        insert_access_.run(hash, token);
    }

    void insert_refresh(const std::string &hash, const StoredToken &token) override {
        insert_refresh_.run(hash, token);
    }

private:
    class Insert {
    public:
        Insert(Database &db, const char *table) : statement_(db.sql()) {
            statement_.exchange(soci::use(hash_));
            statement_.exchange(soci::use(client_id_));
            statement_.exchange(soci::use(user_id_, user_indicator_));
            statement_.exchange(soci::use(family_id_));
            statement_.exchange(soci::use(expires_at_));
            statement_.exchange(soci::use(issued_at_));
            statement_.alloc();
            statement_.prepare(insert_sql(table));
            statement_.define_and_bind();
        }

        void run(const std::string &hash, const StoredToken &token) {
            hash_ = hash;
            client_id_ = token.client_id;
            user_id_ = token.user_id.value_or(0);
            user_indicator_ = token.user_id ? soci::i_ok : soci::i_null;
            family_id_ = token.family_id;
            expires_at_ = token.expires_at;
            issued_at_ = token.issued_at;
            statement_.execute(true);
        }

    private:
        std::string hash_, family_id_;
        long long client_id_ = 0, user_id_ = 0, expires_at_ = 0, issued_at_ = 0;
        soci::indicator user_indicator_ = soci::i_ok;
        soci::statement statement_;
    };

    // find's parameter and row
    std::string hash_;
    long long id_ = 0, client_id_ = 0, user_id_ = 0, expires_at_ = 0, used_at_ = 0, issued_at_ = 0;
    int enabled_ = 0;
    std::string family_id_, username_;
    soci::indicator user_indicator_ = soci::i_ok, used_indicator_ = soci::i_ok,
                    enabled_indicator_ = soci::i_ok, username_indicator_ = soci::i_ok;
    soci::statement find_;
    // mark_used's parameters
    long long mark_id_ = 0, mark_now_ = 0;
    soci::statement mark_used_;
    Insert insert_access_, insert_refresh_;
};

using namespace sqlite_api;  // NOLINT(google-build-using-namespace): SOCI's wrapping of sqlite3.h

class SqliteRefreshGrant final : public RefreshGrantStatements {
public:
    explicit SqliteRefreshGrant(Database &db)
        : find_(db, find_sql),
          mark_used_(db, mark_used_sql),
          insert_access_(db, insert_sql("pim_api_access_token").c_str()),
          insert_refresh_(db, insert_sql("pim_api_refresh_token").c_str()) {}

    std::optional<RefreshTokenRow> find(const std::string &hash) override {
        const SqliteStatement::Run run(find_);  // one row at most: the reset ends the read
        sqlite3_stmt *statement = find_.get();
        bind_text(statement, 1, hash);
        const int rc = sqlite3_step(statement);
        find_.check(rc);
        if (rc == SQLITE_DONE) return std::nullopt;
        RefreshTokenRow row;
        row.id = sqlite3_column_int64(statement, 0);
        row.client_id = sqlite3_column_int64(statement, 1);
        row.user_id = column_if_not_null(statement, 2);
        assign_column_text(statement, 3, row.family_id);
        row.expires_at = sqlite3_column_int64(statement, 4);
        row.used_at = column_if_not_null(statement, 5);
        row.issued_at = sqlite3_column_int64(statement, 6);
        row.user_enabled = column_if_not_null(statement, 7).value_or(0) != 0;
        assign_column_text(statement, 8, row.username);
        return row;
    }

    bool mark_used(std::int64_t id, std::int64_t now) override {
        const SqliteStatement::Run run(mark_used_);
        sqlite3_stmt *statement = mark_used_.get();
        sqlite3_bind_int64(statement, 1, now);
        sqlite3_bind_int64(statement, 2, id);
        mark_used_.check(sqlite3_step(statement));
        return sqlite3_changes(sqlite3_db_handle(statement)) == 1;
    }

    void insert_access(const std::string &hash, const StoredToken &token) override {
        insert(insert_access_, hash, token);
    }

    void insert_refresh(const std::string &hash, const StoredToken &token) override {
        insert(insert_refresh_, hash, token);
    }

private:
    static void insert(const SqliteStatement &insert, const std::string &hash, const StoredToken &token) {
        const SqliteStatement::Run run(insert);
        sqlite3_stmt *statement = insert.get();
        bind_text(statement, 1, hash);
        sqlite3_bind_int64(statement, 2, token.client_id);
        if (token.user_id)
            sqlite3_bind_int64(statement, 3, *token.user_id);
        else
            sqlite3_bind_null(statement, 3);
        bind_text(statement, 4, token.family_id);
        sqlite3_bind_int64(statement, 5, token.expires_at);
        sqlite3_bind_int64(statement, 6, token.issued_at);
        insert.check(sqlite3_step(statement));
    }

    SqliteStatement find_, mark_used_, insert_access_, insert_refresh_;
};

}  // namespace

std::unique_ptr<RefreshGrantStatements> RefreshGrantStatements::prepare(Database &db) {
    if (db.backend() == Backend::sqlite3) return std::make_unique<SqliteRefreshGrant>(db);
    return std::make_unique<SociRefreshGrant>(db);
}

}  // namespace pim
