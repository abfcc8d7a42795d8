// The bearer check's one query: an access token by its hash, with its
// client, user and the user's granted permissions. Prepared once per pooled
// connection and re-executed with buffers whose capacity is reused, so a
// call allocates nothing in steady state.
#pragma once

#include "domain/key_ring.hpp"
#include "storage/database.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace pim {

struct AccessTokenRow {
    std::int64_t expires_at = 0;
    std::int64_t user_id = 0;  // 0: no user (client_credentials)
    bool user_enabled = false;
    std::string username;
    std::int64_t client_id = 0;
    std::string client_random_id;
    std::uint32_t permissions = 0;  // bit i: permission_catalogue[i]
    std::int64_t token_id = 0;      // the access token's row id (usage recording)
};

class AccessTokenLookup {
public:
    AccessTokenLookup() = default;
    virtual ~AccessTokenLookup() = default;
    AccessTokenLookup(const AccessTokenLookup &) = delete;
    AccessTokenLookup &operator=(const AccessTokenLookup &) = delete;

    // False when no access token has this hash. `row` is reused between calls.
    virtual bool find(const TokenHash &hash, AccessTokenRow &row) = 0;

    // SQLite: a native prepared statement on SOCI's connection (SOCI's
    // per-column conversions cost a quarter of each call); other backends:
    // a SOCI prepared statement.
    static std::unique_ptr<AccessTokenLookup> prepare(Database &db);
};

// The one query, shared by both implementations: one row per granted
// permission, or one row with NULLs when the user has none.
extern const char *const access_token_lookup_sql;
std::uint32_t permission_bit(std::string_view id);

}  // namespace pim
