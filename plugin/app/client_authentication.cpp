#include "app/client_authentication.hpp"

#include "app/monitoring.hpp"

#include <sodium.h>

namespace pim {
namespace {

bool same_secret(const std::string &expected, const std::string &given) {
    return expected.size() == given.size() && sodium_memcmp(expected.data(), given.data(), given.size()) == 0;
}

}  // namespace

std::optional<OAuthRefusal> ClientAuthentication::blocked(const std::optional<ClientCredentials> &presented,
                                                          Throttle &throttle,
                                                          AuthenticationTrace *trace) const {
    if (presented)
        if (const auto wait = throttle.retry_after(Throttle::Counter::client_secret, presented->client_id)) {
            if (trace != nullptr) trace->client_id = existing_client_id(presented->client_id);
            return refusal::throttled(*wait);
        }
    return std::nullopt;
}

std::int64_t ClientAuthentication::existing_client_id(std::string_view public_id) const {
    const auto id = parse_public_client_id(public_id);
    if (!id) return 0;
    const auto client = with_connection(pool_(), [&](ConnectionPool::Lease &lease) {
        return lease.token_endpoint_reads().find_client(*id, *settings_.keys);
    });
    return client ? client->id : 0;
}

OAuthResult<Client> ClientAuthentication::authenticate(const std::optional<ClientCredentials> &presented,
                                                       Throttle &throttle, AuthenticationTrace *trace) const {
    if (!presented) return refusal::invalid_client();
    std::optional<Client> client;
    if (const auto id = parse_public_client_id(presented->client_id))
        client = with_connection(pool_(), [&](ConnectionPool::Lease &lease) {
            return lease.token_endpoint_reads().find_client(*id, *settings_.keys);
        });
    if (client && trace != nullptr) trace->client_id = client->id;
    if (client && same_secret(client->secret, presented->secret)) {
        if (trace != nullptr) trace->authenticated = true;
        return std::move(*client);
    }
    if (client && client->previous_secret && settings_.clock->now() <= client->previous_secret_expires_at &&
        same_secret(*client->previous_secret, presented->secret)) {
        if (trace != nullptr) trace->authenticated = trace->previous_secret = true;
        return std::move(*client);
    }
    throttle.failed(Throttle::Counter::client_secret, presented->client_id);
    if (client && trace != nullptr && trace->monitoring != nullptr)
        trace->monitoring->event(client->id, SecurityEventType::wrong_client_secret, trace->remote_address);
    return refusal::invalid_client();
}

}  // namespace pim
