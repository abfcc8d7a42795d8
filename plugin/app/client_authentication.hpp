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

namespace pim {

class ClientAuthentication {
public:
    using PoolProvider = std::function<ConnectionPool &()>;

    ClientAuthentication(PoolProvider pool, const Settings &settings)
        : pool_(std::move(pool)), settings_(settings) {}

    // The 429 of a client id under attack, before its secret is looked at.
    std::optional<OAuthRefusal> blocked(const std::optional<ClientCredentials> &presented,
                                        Throttle &throttle) const;
    // The client, or invalid_client (counted by the throttle when a client id
    // was presented).
    OAuthResult<Client> authenticate(const std::optional<ClientCredentials> &presented,
                                     Throttle &throttle) const;

private:
    PoolProvider pool_;
    const Settings &settings_;
};

}  // namespace pim
