// What every grant needs: connections, settings (keys, clock, lifetimes),
// the throttle and the host's log. Each grant (one file per flow, as
// fosite's) validates first and issues only from what validation returned,
// so no grant can issue before all its checks have passed.
#pragma once

#include "app/oauth_refusal.hpp"
#include "app/throttle.hpp"
#include "app/token_parameters.hpp"
#include "config/settings.hpp"
#include "domain/client.hpp"
#include "storage/connection_pool.hpp"
#include "storage/token_repository.hpp"

#include <functional>
#include <optional>
#include <string>

namespace pim {

// The tokens are credentials the database keeps only hashes of: their
// plaintext is overwritten when the last holder drops it.
struct IssuedTokens {
    std::string access_token;
    std::optional<std::string> refresh_token;
    std::int64_t expires_in = 0;
    std::string username;      // for logs; empty for client_credentials
    std::int64_t user_id = 0;  // for monitoring; 0 for a token without user

    IssuedTokens() = default;
    IssuedTokens(const IssuedTokens &) = default;
    IssuedTokens(IssuedTokens &&) noexcept = default;
    IssuedTokens &operator=(const IssuedTokens &) = default;
    IssuedTokens &operator=(IssuedTokens &&) noexcept = default;
    ~IssuedTokens() {
        wipe(access_token);
        wipe(refresh_token);
    }
};

class Monitoring;

struct GrantContext {
    std::function<ConnectionPool &()> pool;
    const Settings &settings;
    Throttle &throttle;
    std::function<void(int level, const std::string &message)> log;
    Monitoring &monitoring;           // security events of the grant
    std::string_view remote_address;  // of the request, for events
};

// Inserts a new access token (and refresh token) of `family_id` inside the
// caller's transaction; returns them in clear, the only time they exist so.
IssuedTokens issue_tokens(TokenInserter &tokens, const Settings &settings, std::int64_t client_id,
                          std::optional<std::int64_t> user_id, const std::string &family_id,
                          bool with_refresh);
std::string new_token_family_id();

// token-endpoint.md §4 step 5, shared by every grant.
inline bool has_scope(const TokenParameters &parameters) {
    return parameters.scope && !parameters.scope->empty();
}

}  // namespace pim
