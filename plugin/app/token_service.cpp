#include "app/token_service.hpp"

#include "app/grants/client_credentials_grant.hpp"
#include "app/grants/password_grant.hpp"
#include "app/grants/refresh_token_grant.hpp"
#include "storage/client_repository.hpp"

#include <sodium.h>

namespace pim {
namespace {

bool same_secret(const std::string &expected, const std::string &given) {
    return expected.size() == given.size() && sodium_memcmp(expected.data(), given.data(), given.size()) == 0;
}

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
                                              Throttle &throttle) {
    // §2(d): a client id under attack is refused before anything is looked at.
    if (presented)
        if (const auto wait = throttle.retry_after(Throttle::Counter::client_secret, presented->client_id))
            return refusal::throttled(*wait);
    if (!parameters.grant_type || !matches_grant_type_pattern(*parameters.grant_type))  // step 1
        return refusal::invalid_request(refusal::message_a);
    auto client = authenticate_client(presented, throttle);  // step 2
    if (!client) return client.refusal();
    const auto type = parse_grant_type(*parameters.grant_type);  // step 3
    if (!type || !client->allows(*type)) return refusal::unauthorized_client();

    GrantContext context{pool_, settings_, throttle, log_};
    switch (*type) {
        case GrantType::password: return validate_then_issue<PasswordGrant>(context, parameters, *client);
        case GrantType::refresh_token:
            return validate_then_issue<RefreshTokenGrant>(context, parameters, *client);
        case GrantType::client_credentials:
            return validate_then_issue<ClientCredentialsGrant>(context, parameters, *client);
    }
    return refusal::unauthorized_client();
}

OAuthResult<Client> TokenService::authenticate_client(const std::optional<ClientCredentials> &presented,
                                                      Throttle &throttle) {
    if (!presented) return refusal::invalid_client();
    std::optional<Client> client;
    if (const auto id = parse_public_client_id(presented->client_id))
        client = with_connection(pool_(), [&](ConnectionPool::Lease &lease) {
            return ClientRepository(lease.db(), *settings_.keys).find(*id);
        });
    if (client && same_secret(client->secret, presented->secret)) return std::move(*client);
    throttle.failed(Throttle::Counter::client_secret, presented->client_id);
    return refusal::invalid_client();
}

}  // namespace pim
