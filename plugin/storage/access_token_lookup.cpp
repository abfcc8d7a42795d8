#include "storage/access_token_lookup.hpp"

#include "domain/permissions.hpp"

namespace pim {
namespace {

// One row per granted permission (or one row with NULLs when none).
constexpr const char *lookup_sql =
    "SELECT t.expires_at, t.user_id, u.enabled, u.username, t.client_id, c.random_id, rp.permission "
    "FROM pim_api_access_token t "
    "JOIN pim_api_client c ON c.id = t.client_id "
    "LEFT JOIN pim_user u ON u.id = t.user_id "
    "LEFT JOIN pim_user_role ur ON ur.user_id = t.user_id "
    "LEFT JOIN pim_role_permission rp ON rp.role_id = ur.role_id "
    "WHERE t.token_hash = :hash";

std::uint32_t permission_bit(const std::string &id) {
    for (std::size_t i = 0; i < permission_catalogue.size(); ++i)
        if (permission_catalogue[i].id == id) return 1U << i;
    return 0;  // a permission no longer in the catalogue grants nothing
}

}  // namespace

AccessTokenLookup::AccessTokenLookup(Database &db) : db_(db), statement_(db.sql()) {
    hash_.reserve(64);
    username_.reserve(64);
    random_id_.reserve(64);
    permission_.reserve(64);
    statement_.exchange(soci::use(hash_));
    statement_.exchange(soci::into(expires_at_));
    statement_.exchange(soci::into(user_id_, user_indicator_));
    statement_.exchange(soci::into(enabled_, enabled_indicator_));
    statement_.exchange(soci::into(username_, username_indicator_));
    statement_.exchange(soci::into(client_id_));
    statement_.exchange(soci::into(random_id_));
    statement_.exchange(soci::into(permission_, permission_indicator_));
    statement_.alloc();
    statement_.prepare(lookup_sql);
    statement_.define_and_bind();
}

bool AccessTokenLookup::find(const TokenHash &hash, AccessTokenRow &row) {
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
    row.permissions = 0;
    do {
        if (permission_indicator_ == soci::i_ok) row.permissions |= permission_bit(permission_);
    } while (statement_.fetch());
    return true;
}

}  // namespace pim
