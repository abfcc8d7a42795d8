// The client_credentials grant (token-endpoint.md §4, RFC 6749 §4.4): an
// access token without a user and without a refresh token.
#pragma once

#include "app/grants/grant_context.hpp"

namespace pim {

struct ValidatedClientCredentialsGrant {
    std::int64_t client_id = 0;
};

class ClientCredentialsGrant {
public:
    explicit ClientCredentialsGrant(GrantContext &context) : context_(context) {}

    static OAuthResult<ValidatedClientCredentialsGrant> validate(const TokenParameters &parameters,
                                                                 const Client &client);
    IssuedTokens issue(const ValidatedClientCredentialsGrant &grant);

private:
    GrantContext &context_;
};

}  // namespace pim
