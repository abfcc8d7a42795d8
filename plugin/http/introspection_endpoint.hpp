// POST /api/oauth/v1/introspect (RFC 7662; docs/revocation-and-introspection.md).
#pragma once

#include "app/introspection_service.hpp"
#include "app/throttle.hpp"
#include "http/http_response.hpp"

#include "pim/plugin_abi.h"

#include <functional>
#include <string>

namespace pim {

inline constexpr const char *introspection_path = "/api/oauth/v1/introspect";

// Builds the complete answer; storage failures become 503. Never throws.
HttpResponse handle_introspection_request(const pim_http_request &request,
                                          IntrospectionService &introspection, Throttle &throttle,
                                          const std::function<void(int, const std::string &)> &log) noexcept;

}  // namespace pim
