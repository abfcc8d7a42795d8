#include "app/token_service.hpp"

#include "app/client_authentication.hpp"
#include "app/grants/client_credentials_grant.hpp"
#include "app/grants/password_grant.hpp"
#include "app/grants/refresh_token_grant.hpp"

namespace pim {
namespace {

template <class Grant>
OAuthResult<IssuedTokens> validate_then_issue(GrantContext &context, const TokenParameters &parameters,
                                              const Client &client) {
    Grant grant(context);
    auto validated = grant.validate(parameters, client);
    if (!validated) return validated.refusal();
    return grant.issue(*validated);
}

}  // namespace

OAuthResult<IssuedTokens> TokenService::grant(const TokenParameters &parameters,
                                              const std::optional<ClientCredentials> &presented,
                                              Throttle &throttle, AuthenticationTrace &trace) {
    // Every statement of this request on one connection, but not across a password hash.
    ConnectionPool::Pin connection = pool_().pin();
    // §2(d): a client id under attack is refused before anything is looked at.
    const ClientAuthentication clients(pool_, settings_);
    if (auto blocked = clients.blocked(presented, throttle, &trace)) return std::move(*blocked);
    if (!parameters.grant_type || !matches_grant_type_pattern(*parameters.grant_type))  // step 1
        return refusal::invalid_request(refusal::missing_grant_or_credentials);
    trace.monitoring = &monitoring_;
    auto client = clients.authenticate(presented, throttle, &trace);  // step 2
    if (!client) return client.refusal();
    const auto type = parse_grant_type(*parameters.grant_type);  // step 3
    if (!type || !client->allows(*type)) return refusal::unauthorized_client();

    GrantContext context{pool_, settings_, throttle, log_, monitoring_, trace.remote_address};
    switch (*type) {
        case GrantType::password:
            connection.release();
            return validate_then_issue<PasswordGrant>(context, parameters, *client);
        case GrantType::refresh_token:
            return validate_then_issue<RefreshTokenGrant>(context, parameters, *client);
        case GrantType::client_credentials:
            return validate_then_issue<ClientCredentialsGrant>(context, parameters, *client);
    }
    return refusal::unauthorized_client();
}

}  // namespace pim
