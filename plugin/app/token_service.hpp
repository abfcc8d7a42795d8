// The OAuth grants of the token endpoint (token-endpoint.md §3–§6): client
// authentication, password / refresh_token / client_credentials grants and
// token issuance. OAuth failures are OAuthError (answered 422).
#pragma once

#include "config/settings.hpp"
#include "domain/client.hpp"
#include "storage/connection_pool.hpp"

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

namespace pim {

// An OAuth failure: `error` is the RFC 6749 code (logs only), `message` the
// reference's 422 message.
class OAuthError : public std::runtime_error {
public:
    OAuthError(std::string error, const std::string &message)
        : std::runtime_error(message), error_(std::move(error)) {}
    [[nodiscard]] const std::string &error() const { return error_; }

private:
    std::string error_;
};

struct IssuedTokens {
    std::string access_token;
    std::optional<std::string> refresh_token;
    std::int64_t expires_in = 0;
    std::string username;  // for logs; empty for client_credentials
};

class TokenService {
public:
    using Logger = std::function<void(int level, const std::string &message)>;
    // The pool opens lazily (after the schema check): asked for on each use.
    using PoolProvider = std::function<ConnectionPool &()>;

    TokenService(PoolProvider pool, const Settings &settings, Logger log)
        : pool_(std::move(pool)), settings_(settings), log_(std::move(log)) {}

    struct ClientAuthentication {
        std::optional<Client> client;              // set when the secret matches (constant time)
        std::optional<std::int64_t> wrong_secret;  // the id of an existing client given a wrong secret
    };
    ClientAuthentication authenticate_client(const std::string &public_id, const std::string &secret);

    IssuedTokens password_grant(const Client &client, const std::string &username,
                                const std::string &password);
    // Checks the refresh token (and, through `before_issue`, anything the
    // caller must check before the token is consumed), then rotates it.
    IssuedTokens refresh_grant(const Client &client, const std::string &refresh_token,
                               const std::function<void()> &before_issue);
    IssuedTokens client_credentials_grant(const Client &client);

private:
    IssuedTokens issue(Database &db, const Client &client, std::optional<std::int64_t> user_id,
                       const std::string &family_id, bool with_refresh);

    PoolProvider pool_;
    const Settings &settings_;
    Logger log_;
};

}  // namespace pim
