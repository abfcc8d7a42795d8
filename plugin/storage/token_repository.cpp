#include "storage/token_repository.hpp"

namespace pim {

void TokenRepository::insert(const char *table, const std::string &hash, const StoredToken &token) {
    const long long client_id = token.client_id;
    long long user_id = token.user_id.value_or(0);
    soci::indicator user_indicator = token.user_id ? soci::i_ok : soci::i_null;
    const long long expires_at = token.expires_at;
    const long long issued_at = token.issued_at;
    db_.sql() << std::string("INSERT INTO ") + table +
                     " (token_hash, client_id, user_id, family_id, expires_at, issued_at) "
                     "VALUES (:h, :c, :u, :f, :e, :i)",
        soci::use(hash), soci::use(client_id), soci::use(user_id, user_indicator), soci::use(token.family_id),
        soci::use(expires_at), soci::use(issued_at);
}

void TokenRepository::insert_access(const std::string &hash, const StoredToken &token) {
    insert("pim_api_access_token", hash, token);
}

void TokenRepository::insert_refresh(const std::string &hash, const StoredToken &token) {
    insert("pim_api_refresh_token", hash, token);
}

std::optional<StoredRefreshToken> TokenRepository::find_refresh(const std::string &hash) {
    StoredRefreshToken token;
    long long id = 0, client_id = 0, user_id = 0, expires_at = 0, used_at = 0;
    soci::indicator user_indicator = soci::i_ok, used_indicator = soci::i_ok;
    db_.sql() << "SELECT id, client_id, user_id, family_id, expires_at, used_at FROM pim_api_refresh_token "
                 "WHERE token_hash = :h",
        soci::use(hash), soci::into(id), soci::into(client_id), soci::into(user_id, user_indicator),
        soci::into(token.family_id), soci::into(expires_at), soci::into(used_at, used_indicator);
    if (!db_.sql().got_data()) return std::nullopt;
    token.id = id;
    token.client_id = client_id;
    if (user_indicator == soci::i_ok) token.user_id = user_id;
    token.expires_at = expires_at;
    if (used_indicator == soci::i_ok) token.used_at = used_at;
    return token;
}

bool TokenRepository::mark_refresh_used(std::int64_t id, std::int64_t now) {
    const long long token_id = id;
    const long long used_at = now;
    soci::statement st =
        (db_.sql().prepare
             << "UPDATE pim_api_refresh_token SET used_at = :t WHERE id = :id AND used_at IS NULL",
         soci::use(used_at), soci::use(token_id));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

bool TokenRepository::delete_refresh(std::int64_t id) {
    const long long token_id = id;
    soci::statement st =
        (db_.sql().prepare << "DELETE FROM pim_api_refresh_token WHERE id = :id", soci::use(token_id));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

std::int64_t TokenRepository::revoke_family(const std::string &family_id) {
    soci::statement access =
        (db_.sql().prepare << "DELETE FROM pim_api_access_token WHERE family_id = :f", soci::use(family_id));
    access.execute(true);
    soci::statement refresh =
        (db_.sql().prepare << "DELETE FROM pim_api_refresh_token WHERE family_id = :f", soci::use(family_id));
    refresh.execute(true);
    return access.get_affected_rows() + refresh.get_affected_rows();
}

std::int64_t TokenRepository::delete_expired(const char *table, std::int64_t now, int batch) {
    const long long before = now;
    const std::string name(table);
    // MySQL/MariaDB cannot LIMIT inside an IN subquery, but can LIMIT a DELETE.
    const std::string sql =
        db_.backend() == Backend::mysql
            ? "DELETE FROM " + name + " WHERE expires_at < :now LIMIT " + std::to_string(batch)
            : "DELETE FROM " + name + " WHERE id IN (SELECT id FROM " + name +
                  " WHERE expires_at < :now LIMIT " + std::to_string(batch) + ")";
    soci::statement st = (db_.sql().prepare << sql, soci::use(before));
    st.execute(true);
    return st.get_affected_rows();
}

std::int64_t TokenRepository::delete_all() {
    std::int64_t removed = 0;
    for (const char *table : {"pim_api_access_token", "pim_api_refresh_token"}) {
        soci::statement st = (db_.sql().prepare << std::string("DELETE FROM ") + table);
        st.execute(true);
        removed += st.get_affected_rows();
    }
    return removed;
}

}  // namespace pim
