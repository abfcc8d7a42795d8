// The token endpoint's OAuth processing (token-endpoint.md §2(d), §3–§6):
// the client-secret throttle, grant type, client authentication, the
// grant's own checks (app/grants/, one file per grant), then issuance.
#pragma once

#include "app/client_authentication.hpp"
#include "app/grants/grant_context.hpp"

#include <functional>
#include <optional>
#include <string>

namespace pim {

class TokenService {
public:
    using Logger = std::function<void(int level, const std::string &message)>;
    // The pool opens lazily (after the schema check): asked for on each use.
    using PoolProvider = std::function<ConnectionPool &()>;

    TokenService(PoolProvider pool, const Settings &settings, Logger log, Monitoring &monitoring)
        : pool_(std::move(pool)), settings_(settings), log_(std::move(log)), monitoring_(monitoring) {}

    // Tokens, or the refusal of the first failing step. Storage failures
    // throw (StorageUnavailable: 503). `trace` takes the request's remote
    // address in and gives the client and secret used out (monitoring).
    OAuthResult<IssuedTokens> grant(const TokenParameters &parameters,
                                    const std::optional<ClientCredentials> &presented, Throttle &throttle,
                                    AuthenticationTrace &trace);
    [[nodiscard]] Monitoring &monitoring() { return monitoring_; }
    [[nodiscard]] const Settings &settings() const { return settings_; }

private:
    PoolProvider pool_;
    const Settings &settings_;
    Logger log_;
    Monitoring &monitoring_;
};

}  // namespace pim
