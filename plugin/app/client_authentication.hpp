// Client authentication shared by the token, revocation and introspection
// endpoints (token-endpoint.md §3, §7.1 row "client secret"): the
// client-secret block checked before anything is looked at, then the client
// found by its public id and its secret compared in constant time; a failure
// feeds the client-secret counter.
#pragma once

#include "app/oauth_refusal.hpp"
#include "app/throttle.hpp"
#include "app/token_parameters.hpp"
#include "config/settings.hpp"
#include "domain/client.hpp"
#include "storage/connection_pool.hpp"

#include <functional>
#include <optional>
#include <string_view>

namespace pim {

class Monitoring;

// What one authentication tells connection monitoring (all optional).
struct AuthenticationTrace {
    Monitoring *monitoring = nullptr;  // where wrong-secret events go
    std::string_view remote_address;
    std::int64_t client_id = 0;    // out: the presented client, when it exists
    bool authenticated = false;    // out: the client's secret matched
    bool previous_secret = false;  // out: ... and it was the previous secret
};

class ClientAuthentication {
public:
    using PoolProvider = std::function<ConnectionPool &()>;

    ClientAuthentication(PoolProvider pool, const Settings &settings)
        : pool_(std::move(pool)), settings_(settings) {}

    // The 429 of a client id under attack, before its secret is looked at.
    // A trace gets the blocked client's row id (when it exists) for its counts.
    std::optional<OAuthRefusal> blocked(const std::optional<ClientCredentials> &presented, Throttle &throttle,
                                        AuthenticationTrace *trace = nullptr) const;
    // The client, or invalid_client (counted by the throttle when a client id
    // was presented).
    // The previous secret (regenerate-secret --keep-previous-for) counts
    // until its deadline on the plugin's clock.
    OAuthResult<Client> authenticate(const std::optional<ClientCredentials> &presented, Throttle &throttle,
                                     AuthenticationTrace *trace = nullptr) const;

private:
    [[nodiscard]] std::int64_t existing_client_id(std::string_view public_id) const;

    PoolProvider pool_;
    const Settings &settings_;
};

}  // namespace pim
