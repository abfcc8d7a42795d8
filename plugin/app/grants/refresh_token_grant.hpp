// The refresh_token grant (token-endpoint.md §4 steps 4.1, 4.2 and 5, §6;
// RFC 6749 §6): single use, with reuse detection revoking the token family.
#pragma once

#include "app/grants/grant_context.hpp"

namespace pim {

struct ValidatedRefreshGrant {
    std::int64_t client_id = 0;
    std::int64_t refresh_token_id = 0;
    std::optional<std::int64_t> user_id;
    std::string family_id;
    std::string username;
};

class RefreshTokenGrant {
public:
    explicit RefreshTokenGrant(GrantContext &context) : context_(context) {}

    OAuthResult<ValidatedRefreshGrant> validate(const TokenParameters &parameters, const Client &client);
    // Consumes the refresh token; of concurrent issues for one token exactly
    // one succeeds, the others get message E.
    OAuthResult<IssuedTokens> issue(const ValidatedRefreshGrant &grant);

private:
    void revoke_family(const ValidatedRefreshGrant &reused, const Client &client);

    GrantContext &context_;
};

}  // namespace pim
