// The bearer check made on every API call (api-authentication.md): token
// extraction, lookup by keyed hash, expiry, user, permissions. The success
// path allocates nothing in steady state and never hashes a password.
#pragma once

#include "app/usage_recorder.hpp"
#include "config/settings.hpp"
#include "storage/connection_pool.hpp"

#include "pim/plugin_abi.h"

#include <cstdint>

#include <functional>
#include <string>

namespace pim {

struct HttpResponse;

class Authenticator {
public:
    using Logger = std::function<void(int level, const std::string &message)>;
    // The pool opens lazily (after the schema check): asked for on each use.
    using PoolProvider = std::function<ConnectionPool &()>;

    // Every answer is counted in `usage` (write-behind: no database write here).
    Authenticator(PoolProvider pool, const Settings &settings, Logger log, UsageRecorder &usage)
        : pool_(std::move(pool)), settings_(settings), log_(std::move(log)), usage_(usage) {}

    // PIM_AUTH_GRANTED (principal delivered) or PIM_AUTH_REFUSED (response written).
    int authenticate(const pim_auth_request &request, const pim_principal_sink &principal,
                     const pim_http_response &refusal) noexcept;

private:
    int check(const pim_auth_request &request, const pim_principal_sink &principal,
              const pim_http_response &refusal);
    // Sends the refusal, counted under `client_id` (0: no token found).
    int refuse_counted(const pim_http_response &out, const HttpResponse &response, std::int64_t client_id,
                       std::int64_t now);
    int fail(int status, const char *message, const char *detail, const pim_http_response &refusal) noexcept;

    PoolProvider pool_;
    const Settings &settings_;
    Logger log_;
    UsageRecorder &usage_;
};

// The token of "Authorization: Bearer <token>" (scheme case-insensitive), or
// an empty view when the header carries none.
std::string_view bearer_token(std::string_view authorization);

}  // namespace pim
