#include "storage/token_state_repository.hpp"

#include <algorithm>

namespace pim {

std::optional<OwnedToken> TokenStateRepository::find(const char *table, const std::string &hash) {
    long long id = 0, client_id = 0;
    OwnedToken token;
    db_.sql() << std::string("SELECT id, client_id, family_id FROM ") + table + " WHERE token_hash = :h",
        soci::use(hash), soci::into(id), soci::into(client_id), soci::into(token.family_id);
    if (!db_.sql().got_data()) return std::nullopt;
    token.id = id;
    token.client_id = client_id;
    return token;
}

std::optional<OwnedToken> TokenStateRepository::find_access(const std::string &hash) {
    return find("pim_api_access_token", hash);
}

std::optional<OwnedToken> TokenStateRepository::find_refresh(const std::string &hash) {
    return find("pim_api_refresh_token", hash);
}

bool TokenStateRepository::delete_access(std::int64_t id) {
    const long long token_id = id;
    soci::statement st =
        (db_.sql().prepare << "DELETE FROM pim_api_access_token WHERE id = :id", soci::use(token_id));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

std::optional<DescribedAccessToken> TokenStateRepository::describe_access(const std::string &hash) {
    DescribedAccessToken token;
    long long expires_at = 0, issued_at = 0, client_id = 0, user_id = 0;
    int enabled = 0;
    std::string username;
    soci::indicator issued_indicator = soci::i_ok, user_indicator = soci::i_ok,
                    enabled_indicator = soci::i_ok, username_indicator = soci::i_ok;
    db_.sql()
        << "SELECT t.expires_at, t.issued_at, t.client_id, c.random_id, t.user_id, u.enabled, u.username "
           "FROM pim_api_access_token t "
           "JOIN pim_api_client c ON c.id = t.client_id "
           "LEFT JOIN pim_user u ON u.id = t.user_id "
           "WHERE t.token_hash = :h",
        soci::use(hash), soci::into(expires_at), soci::into(issued_at, issued_indicator),
        soci::into(client_id), soci::into(token.client_random_id), soci::into(user_id, user_indicator),
        soci::into(enabled, enabled_indicator), soci::into(username, username_indicator);
    if (!db_.sql().got_data()) return std::nullopt;
    token.expires_at = expires_at;
    if (issued_indicator == soci::i_ok) token.issued_at = issued_at;
    token.client_id = client_id;
    if (user_indicator == soci::i_ok) {
        token.user_id = user_id;
        token.user_enabled = enabled_indicator == soci::i_ok && enabled != 0;
        if (username_indicator == soci::i_ok) token.username = username;
        std::string permission;
        soci::statement st = (db_.sql().prepare << "SELECT DISTINCT rp.permission FROM pim_user_role ur "
                                                   "JOIN pim_role_permission rp ON rp.role_id = ur.role_id "
                                                   "WHERE ur.user_id = :u",
                              soci::use(user_id), soci::into(permission));
        st.execute();
        while (st.fetch()) token.permissions.push_back(permission);
        std::sort(token.permissions.begin(), token.permissions.end());  // bytes, whatever the collation
    }
    return token;
}

}  // namespace pim
