// The bearer check's one query: an access token by its hash, with its
// client, user and the user's granted permissions. Prepared once per pooled
// connection and re-executed with buffers whose capacity is reused, so a
// call allocates nothing in steady state.
#pragma once

#include "domain/key_ring.hpp"
#include "storage/database.hpp"

#include <cstdint>
#include <string>

namespace pim {

struct AccessTokenRow {
    std::int64_t expires_at = 0;
    std::int64_t user_id = 0;  // 0: no user (client_credentials)
    bool user_enabled = false;
    std::string username;
    std::int64_t client_id = 0;
    std::string client_random_id;
    std::uint32_t permissions = 0;  // bit i: permission_catalogue[i]
};

class AccessTokenLookup {
public:
    explicit AccessTokenLookup(Database &db);
    AccessTokenLookup(const AccessTokenLookup &) = delete;
    AccessTokenLookup &operator=(const AccessTokenLookup &) = delete;

    // False when no access token has this hash. `row` is reused between calls.
    bool find(const TokenHash &hash, AccessTokenRow &row);

private:
    Database &db_;
    std::string hash_;
    long long expires_at_ = 0, user_id_ = 0, client_id_ = 0;
    int enabled_ = 0;
    std::string username_, random_id_, permission_;
    soci::indicator user_indicator_ = soci::i_ok, enabled_indicator_ = soci::i_ok,
                    username_indicator_ = soci::i_ok, permission_indicator_ = soci::i_ok;
    soci::statement statement_;
};

}  // namespace pim
