// The client_credentials grant (token-endpoint.md §4, RFC 6749 §4.4): an
// access token without a user and without a refresh token.
#pragma once

#include "app/grants/grant_context.hpp"

namespace pim {

// A client of a connection acts as the connection's user (ours,
// docs/connection-monitoring.md): its roles decide the bearer check's 403s.
// A plain client gets a token without user, as in the reference.
struct ValidatedClientCredentialsGrant {
    std::int64_t client_id = 0;
    std::optional<std::int64_t> user_id;
    std::string username;
};

class ClientCredentialsGrant {
public:
    explicit ClientCredentialsGrant(GrantContext &context) : context_(context) {}

    OAuthResult<ValidatedClientCredentialsGrant> validate(const TokenParameters &parameters,
                                                          const Client &client);
    IssuedTokens issue(const ValidatedClientCredentialsGrant &grant);

private:
    GrantContext &context_;
};

}  // namespace pim
