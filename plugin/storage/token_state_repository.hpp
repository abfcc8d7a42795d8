// SQL of revocation (RFC 7009) and introspection (RFC 7662): a token by its
// keyed hash with its owner, deleting one access token, and an access token
// described for introspection.
#pragma once

#include "storage/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pim {

struct OwnedToken {
    std::int64_t id = 0;
    std::int64_t client_id = 0;
    std::string family_id;
};

struct DescribedAccessToken {
    std::int64_t expires_at = 0;
    std::optional<std::int64_t> issued_at;  // none for tokens issued before migration 4
    std::int64_t client_id = 0;
    std::string client_random_id;
    std::optional<std::int64_t> user_id;  // none for client_credentials
    bool user_enabled = false;
    std::string username;
    std::vector<std::string> permissions;  // the user's granted Web API permissions
};

class TokenStateRepository {
public:
    explicit TokenStateRepository(Database &db) : db_(db) {}

    std::optional<OwnedToken> find_access(const std::string &hash);
    std::optional<OwnedToken> find_refresh(const std::string &hash);
    bool delete_access(std::int64_t id);
    std::optional<DescribedAccessToken> describe_access(const std::string &hash);

private:
    std::optional<OwnedToken> find(const char *table, const std::string &hash);
    Database &db_;
};

}  // namespace pim
