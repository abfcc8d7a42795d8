#include "app/client_authentication.hpp"

#include "storage/client_repository.hpp"

#include <sodium.h>

namespace pim {
namespace {

bool same_secret(const std::string &expected, const std::string &given) {
    return expected.size() == given.size() && sodium_memcmp(expected.data(), given.data(), given.size()) == 0;
}

}  // namespace

std::optional<OAuthRefusal> ClientAuthentication::blocked(const std::optional<ClientCredentials> &presented,
                                                          Throttle &throttle) const {
    if (presented)
        if (const auto wait = throttle.retry_after(Throttle::Counter::client_secret, presented->client_id))
            return refusal::throttled(*wait);
    return std::nullopt;
}

OAuthResult<Client> ClientAuthentication::authenticate(const std::optional<ClientCredentials> &presented,
                                                       Throttle &throttle) const {
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
