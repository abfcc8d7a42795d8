// The password grant (token-endpoint.md §4 steps 4.1, 4.2 and 5; RFC 6749
// §4.3), with the user and client-password throttles of §7.1.
#pragma once

#include "app/grants/grant_context.hpp"

namespace pim {

struct ValidatedPasswordGrant {
    std::int64_t client_id = 0;
    std::int64_t user_id = 0;
    std::string username;
    std::optional<std::string> rehashed_password;  // when the stored hash has other parameters
};

class PasswordGrant {
public:
    explicit PasswordGrant(GrantContext &context) : context_(context) {}

    OAuthResult<ValidatedPasswordGrant> validate(const TokenParameters &parameters, const Client &client);
    IssuedTokens issue(const ValidatedPasswordGrant &grant);

private:
    GrantContext &context_;
};

}  // namespace pim
