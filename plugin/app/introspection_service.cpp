#include "app/introspection_service.hpp"

namespace pim {

OAuthResult<Introspection> IntrospectionService::introspect(const TokenParameters &parameters,
                                                            const std::optional<ClientCredentials> &presented,
                                                            Throttle &throttle, AuthenticationTrace *trace) {
    const ClientAuthentication clients(pool_, settings_);
    if (auto blocked = clients.blocked(presented, throttle)) return std::move(*blocked);
    auto client = clients.authenticate(presented, throttle, trace);
    if (!client) return client.refusal();
    // RFC 7662 §2.3: a client not allowed to introspect is refused as unauthenticated
    // (its secret was right: nothing is counted).
    if (!client->introspect) return refusal::invalid_client();
    Introspection result;
    result.caller = client->public_id();
    if (!parameters.token || parameters.token->empty())
        return refusal::invalid_request("Parameter \"token\" is missing or empty");
    const std::string hash = settings_.keys->hash_token(*parameters.token);
    auto token = with_connection(pool_(), [&](ConnectionPool::Lease &lease) {
        return TokenStateRepository(lease.db()).describe_access(hash);
    });
    // The bearer check's rules (api-authentication.md): expired once now passes
    // expires_at; a disabled user's tokens are refused.
    if (!token || settings_.clock->now() > token->expires_at || (token->user_id && !token->user_enabled))
        return result;
    result.token = std::move(token);
    return result;
}

}  // namespace pim
