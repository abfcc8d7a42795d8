// POST /api/oauth/v1/token (token-endpoint.md): request checks, client
// authentication, the processing order of §4 and the answers of §5–§7.
#pragma once

#include "app/plugin_metrics.hpp"
#include "app/throttle.hpp"
#include "app/token_service.hpp"
#include "http/http_response.hpp"

#include "pim/plugin_abi.h"

namespace pim {

inline constexpr const char *token_path = "/api/oauth/v1/token";

// Builds the complete answer; storage failures become 503. Counted in
// `metrics` when given. Never throws.
HttpResponse handle_token_request(const pim_http_request &request, TokenService &tokens, Throttle &throttle,
                                  const TokenService::Logger &log,
                                  const PluginMetrics *metrics = nullptr) noexcept;

// Whether a token request may block its thread (ABI 1.4 request_may_block):
// only password grants hash a password (Argon2id). Refresh and
// client_credentials grants and refusals of the request itself take a
// database round trip and run where the host runs quick routes.
bool token_request_may_block(const pim_http_request &request) noexcept;

}  // namespace pim
