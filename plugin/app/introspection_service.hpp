// Token introspection (RFC 7662, docs/revocation-and-introspection.md §3):
// a client allowed to introspect asks whether an access token is active and
// for whom. Inactive (unknown, expired, revoked, a disabled or deleted
// user's) tokens are not told apart.
#pragma once

#include "app/client_authentication.hpp"
#include "app/oauth_refusal.hpp"
#include "app/throttle.hpp"
#include "app/token_parameters.hpp"
#include "storage/token_state_repository.hpp"

#include <optional>
#include <string>

namespace pim {

struct Introspection {
    std::string caller;                         // the introspecting client's public id, for logs
    std::optional<DescribedAccessToken> token;  // none: {"active":false}
};

class IntrospectionService {
public:
    // `monitoring`, when given, receives the wrong-secret events.
    IntrospectionService(ClientAuthentication::PoolProvider pool, const Settings &settings,
                         Monitoring *monitoring = nullptr)
        : pool_(std::move(pool)), settings_(settings), monitoring_(monitoring) {}
    [[nodiscard]] Monitoring *monitoring() const { return monitoring_; }

    // Storage failures throw (StorageUnavailable: 503). A trace (remote
    // address, where events go) records a wrong secret of an existing client.
    OAuthResult<Introspection> introspect(const TokenParameters &parameters,
                                          const std::optional<ClientCredentials> &presented,
                                          Throttle &throttle, AuthenticationTrace *trace = nullptr);

private:
    ClientAuthentication::PoolProvider pool_;
    const Settings &settings_;
    Monitoring *monitoring_;
};

}  // namespace pim
