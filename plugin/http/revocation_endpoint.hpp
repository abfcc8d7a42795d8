// POST /api/oauth/v1/revoke (RFC 7009; docs/revocation-and-introspection.md).
#pragma once

#include "app/revocation_service.hpp"
#include "app/throttle.hpp"
#include "http/http_response.hpp"

#include "pim/plugin_abi.h"

#include <functional>
#include <string>

namespace pim {

inline constexpr const char *revocation_path = "/api/oauth/v1/revoke";

// Builds the complete answer; storage failures become 503. Never throws.
HttpResponse handle_revocation_request(const pim_http_request &request, RevocationService &revocation,
                                       Throttle &throttle,
                                       const std::function<void(int, const std::string &)> &log) noexcept;

}  // namespace pim
