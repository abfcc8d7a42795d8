#include "app/revocation_service.hpp"

#include "storage/token_repository.hpp"
#include "storage/token_state_repository.hpp"

namespace pim {

OAuthResult<RevocationOutcome> RevocationService::revoke(const TokenParameters &parameters,
                                                         const std::optional<ClientCredentials> &presented,
                                                         Throttle &throttle, AuthenticationTrace *trace) {
    const ClientAuthentication clients(pool_, settings_);
    if (auto blocked = clients.blocked(presented, throttle)) return std::move(*blocked);
    auto client = clients.authenticate(presented, throttle, trace);
    if (!client) return client.refusal();
    RevocationOutcome outcome;
    outcome.client_id = client->public_id();
    if (!parameters.token || parameters.token->empty())
        return refusal::invalid_request("Parameter \"token\" is missing or empty");
    const std::string hash = settings_.keys->hash_token(*parameters.token);
    // RFC 7009 §2.1: the hint only orders the search; an unknown hint is ignored.
    const bool refresh_first = parameters.token_type_hint == std::optional<std::string>("refresh_token");
    with_connection(pool_(), [&](ConnectionPool::Lease &lease) {
        WriteTransaction transaction(lease.db());
        TokenStateRepository state(lease.db());
        const auto revoke_access = [&] {
            const auto token = state.find_access(hash);
            if (!token) return false;
            if (token->client_id == client->id && state.delete_access(token->id))
                outcome.revoked = "access_token";
            return true;
        };
        const auto revoke_refresh = [&] {
            const auto token = state.find_refresh(hash);
            if (!token) return false;
            if (token->client_id == client->id &&
                TokenRepository(lease.db()).revoke_family(token->family_id) > 0)
                outcome.revoked = "refresh_token";
            return true;
        };
        if (refresh_first) {
            if (!revoke_refresh()) revoke_access();
        } else if (!revoke_access()) {
            revoke_refresh();
        }
        transaction.commit();
        return 0;
    });
    return outcome;
}

}  // namespace pim
