#include "storage/refresh_grant_statements.hpp"

namespace pim {

RefreshGrantStatements::Insert::Insert(Database &db, const char *table) : statement_(db.sql()) {
    statement_.exchange(soci::use(hash_));
    statement_.exchange(soci::use(client_id_));
    statement_.exchange(soci::use(user_id_, user_indicator_));
    statement_.exchange(soci::use(family_id_));
    statement_.exchange(soci::use(expires_at_));
    statement_.exchange(soci::use(issued_at_));
    statement_.alloc();
    statement_.prepare(std::string("INSERT INTO ") + table +
                       " (token_hash, client_id, user_id, family_id, expires_at, issued_at) "
                       "VALUES (:h, :c, :u, :f, :e, :i)");
    statement_.define_and_bind();
}

void RefreshGrantStatements::Insert::run(const std::string &hash, const StoredToken &token) {
    hash_ = hash;
    client_id_ = token.client_id;
    user_id_ = token.user_id.value_or(0);
    user_indicator_ = token.user_id ? soci::i_ok : soci::i_null;
    family_id_ = token.family_id;
    expires_at_ = token.expires_at;
    issued_at_ = token.issued_at;
    statement_.execute(true);
}

RefreshGrantStatements::RefreshGrantStatements(Database &db)
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
    find_.prepare(
        "SELECT t.id, t.client_id, t.user_id, t.family_id, t.expires_at, t.used_at, t.issued_at, "
        "u.enabled, u.username FROM pim_api_refresh_token t "
        "LEFT JOIN pim_user u ON u.id = t.user_id WHERE t.token_hash = :h");
    find_.define_and_bind();

    mark_used_.exchange(soci::use(mark_now_));
    mark_used_.exchange(soci::use(mark_id_));
    mark_used_.alloc();
    mark_used_.prepare("UPDATE pim_api_refresh_token SET used_at = :t WHERE id = :id AND used_at IS NULL");
    mark_used_.define_and_bind();
}

std::optional<RefreshTokenRow> RefreshGrantStatements::find(const std::string &hash) {
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
    // keep SQLite's read transaction, and its snapshot, open.
    while (find_.fetch()) {
    }
    return row;
}

bool RefreshGrantStatements::mark_used(std::int64_t id, std::int64_t now) {
    mark_id_ = id;
    mark_now_ = now;
    mark_used_.execute(true);
    return mark_used_.get_affected_rows() == 1;
}

void RefreshGrantStatements::insert_access(const std::string &hash, const StoredToken &token) {
    insert_access_.run(hash, token);
}

void RefreshGrantStatements::insert_refresh(const std::string &hash, const StoredToken &token) {
    insert_refresh_.run(hash, token);
}

}  // namespace pim
