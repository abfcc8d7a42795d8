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
    RevocationService(ClientAuthentication::PoolProvider pool, const Settings &settings)
        : pool_(std::move(pool)), settings_(settings) {}

    // Storage failures throw (StorageUnavailable: 503).
    OAuthResult<RevocationOutcome> revoke(const TokenParameters &parameters,
                                          const std::optional<ClientCredentials> &presented,
                                          Throttle &throttle);

private:
    ClientAuthentication::PoolProvider pool_;
    const Settings &settings_;
};

}  // namespace pim
