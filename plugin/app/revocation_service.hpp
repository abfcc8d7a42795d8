// Token revocation (RFC 7009, docs/revocation-and-introspection.md §2):
// the client authenticates as at the token endpoint; a token it owns is
// deleted (a refresh token with its whole family, an access token alone).
// Unknown, already revoked and other clients' tokens change nothing and are
// not told apart from a revoked one (RFC 7009 §2.2).
#pragma once

#include "app/client_authentication.hpp"
#include "app/oauth_refusal.hpp"
#include "app/throttle.hpp"
#include "app/token_parameters.hpp"

#include <optional>
#include <string>

namespace pim {

struct RevocationOutcome {
    std::string client_id;           // the authenticated client's public id, for logs
    std::string_view revoked = "-";  // "access_token", "refresh_token" or "-" (nothing revoked)
};

class RevocationService {
public:
    // `monitoring`, when given, receives the wrong-secret events.
    RevocationService(ClientAuthentication::PoolProvider pool, const Settings &settings,
                      Monitoring *monitoring = nullptr)
        : pool_(std::move(pool)), settings_(settings), monitoring_(monitoring) {}
    [[nodiscard]] Monitoring *monitoring() const { return monitoring_; }

    // Storage failures throw (StorageUnavailable: 503). A trace (remote
    // address, where events go) records a wrong secret of an existing client.
    OAuthResult<RevocationOutcome> revoke(const TokenParameters &parameters,
                                          const std::optional<ClientCredentials> &presented,
                                          Throttle &throttle, AuthenticationTrace *trace = nullptr);

private:
    ClientAuthentication::PoolProvider pool_;
    const Settings &settings_;
    Monitoring *monitoring_;
};

}  // namespace pim
