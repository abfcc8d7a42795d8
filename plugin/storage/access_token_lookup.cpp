#include "storage/access_token_lookup.hpp"

#include "domain/permissions.hpp"

#include "storage/sqlite_columns.hpp"
#include "storage/sqlite_statement.hpp"

namespace pim {

const char *const access_token_lookup_sql =
    "SELECT t.expires_at, t.user_id, u.enabled, u.username, t.client_id, c.random_id, rp.permission, t.id "
    "FROM pim_api_access_token t "
    "JOIN pim_api_client c ON c.id = t.client_id "
    "LEFT JOIN pim_user u ON u.id = t.user_id "
    "LEFT JOIN pim_user_role ur ON ur.user_id = t.user_id "
    "LEFT JOIN pim_role_permission rp ON rp.role_id = ur.role_id "
    "WHERE t.token_hash = :hash";

std::uint32_t permission_bit(std::string_view id) {
    for (std::size_t i = 0; i < permission_catalogue.size(); ++i)
        if (permission_catalogue[i].id == id) return 1U << i;
    return 0;  // a permission no longer in the catalogue grants nothing
}

namespace {

class SociLookup final : public AccessTokenLookup {
public:
    explicit SociLookup(Database &db) : statement_(db.sql()) {
        hash_.reserve(64);
        statement_.exchange(soci::use(hash_));
        statement_.exchange(soci::into(expires_at_));
        statement_.exchange(soci::into(user_id_, user_indicator_));
        statement_.exchange(soci::into(enabled_, enabled_indicator_));
        statement_.exchange(soci::into(username_, username_indicator_));
        statement_.exchange(soci::into(client_id_));
        statement_.exchange(soci::into(random_id_));
        statement_.exchange(soci::into(permission_, permission_indicator_));
        statement_.exchange(soci::into(token_id_));
        statement_.alloc();
        statement_.prepare(access_token_lookup_sql);
        statement_.define_and_bind();
    }

    bool find(const TokenHash &hash, AccessTokenRow &row) override {
        hash_.assign(hash.data(), hash.size());
        if (!statement_.execute(true)) return false;
        row.expires_at = expires_at_;
        row.user_id = user_indicator_ == soci::i_ok ? user_id_ : 0;
        row.user_enabled = enabled_indicator_ == soci::i_ok && enabled_ != 0;
        if (username_indicator_ == soci::i_ok)
            row.username.assign(username_);
        else
            row.username.clear();
        row.client_id = client_id_;
        row.client_random_id.assign(random_id_);
        row.token_id = token_id_;
        row.permissions = 0;
        do {
            if (permission_indicator_ == soci::i_ok) row.permissions |= permission_bit(permission_);
        } while (statement_.fetch());
        return true;
    }

private:
    std::string hash_;
    long long expires_at_ = 0, user_id_ = 0, client_id_ = 0, token_id_ = 0;
    int enabled_ = 0;
    std::string username_, random_id_, permission_;
    soci::indicator user_indicator_ = soci::i_ok, enabled_indicator_ = soci::i_ok,
                    username_indicator_ = soci::i_ok, permission_indicator_ = soci::i_ok;
    soci::statement statement_;
};

using namespace sqlite_api;  // NOLINT(google-build-using-namespace): SOCI's wrapping of sqlite3.h

class SqliteLookup final : public AccessTokenLookup {
public:
    explicit SqliteLookup(Database &db)
        : prepared_(db, access_token_lookup_sql), statement_(prepared_.get()) {}

    bool find(const TokenHash &hash, AccessTokenRow &row) override {
        const SqliteStatement::Run run(prepared_);
        bind_text(statement_, 1, std::string_view(hash.data(), hash.size()));
        int rc = sqlite3_step(statement_);
        if (rc == SQLITE_DONE) return false;
        prepared_.check(rc);
        row.expires_at = sqlite3_column_int64(statement_, 0);
        row.user_id = column_if_not_null(statement_, 1).value_or(0);
        row.user_enabled = sqlite3_column_int(statement_, 2) != 0;
        assign_column_text(statement_, 3, row.username);
        row.client_id = sqlite3_column_int64(statement_, 4);
        assign_column_text(statement_, 5, row.client_random_id);
        row.token_id = sqlite3_column_int64(statement_, 7);
        row.permissions = 0;
        for (; rc == SQLITE_ROW; rc = sqlite3_step(statement_)) {
            const auto *permission = sqlite3_column_text(statement_, 6);
            if (permission != nullptr)
                row.permissions |= permission_bit(
                    std::string_view(reinterpret_cast<const char *>(permission),
                                     static_cast<std::size_t>(sqlite3_column_bytes(statement_, 6))));
        }
        prepared_.check(rc);
        return true;
    }

private:
    SqliteStatement prepared_;
    sqlite3_stmt *statement_;
};

}  // namespace

std::unique_ptr<AccessTokenLookup> AccessTokenLookup::prepare(Database &db) {
    if (db.backend() == Backend::sqlite3) return std::make_unique<SqliteLookup>(db);
    return std::make_unique<SociLookup>(db);
}

}  // namespace pim
