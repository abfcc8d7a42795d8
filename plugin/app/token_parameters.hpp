// A token request's parameters (token-endpoint.md §2.3) and the client
// credentials it presents (§3). Both hold secrets: their strings are wiped
// when they are destroyed or moved from, whatever path the request took.
#pragma once

#include "domain/wipe.hpp"

#include <optional>
#include <string>

namespace pim {

struct TokenParameters {
    std::optional<std::string> grant_type, username, password, refresh_token, scope, client_id, client_secret;
    // Revocation (RFC 7009) and introspection (RFC 7662).
    std::optional<std::string> token, token_type_hint;

    TokenParameters() = default;
    TokenParameters(TokenParameters &&other) noexcept;
    TokenParameters &operator=(TokenParameters &&other) noexcept;
    TokenParameters(const TokenParameters &) = delete;
    TokenParameters &operator=(const TokenParameters &) = delete;
    ~TokenParameters();

private:
    void wipe_all() noexcept;
};

struct ClientCredentials {
    std::string client_id;
    std::string secret;

    ClientCredentials(std::string id, std::string presented_secret)
        : client_id(std::move(id)), secret(std::move(presented_secret)) {}
    ClientCredentials(ClientCredentials &&other) noexcept;
    ClientCredentials &operator=(ClientCredentials &&other) noexcept;
    ClientCredentials(const ClientCredentials &) = delete;
    ClientCredentials &operator=(const ClientCredentials &) = delete;
    ~ClientCredentials();
};

}  // namespace pim
