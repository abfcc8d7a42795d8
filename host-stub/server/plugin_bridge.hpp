// Calls into the plugins' HTTP services through the C ABI: a registered
// route handler, and the request authenticator.
#pragma once

#include "loader/registry.hpp"
#include "server/http_types.hpp"

#include <optional>

namespace pim::host {

Response call_route(const RouteEntry &route, const Request &request);

// nullopt: granted (`principal_out` has who); otherwise the refusal to send.
std::optional<Response> call_authenticator(const AuthenticatorEntry &authenticator, const Request &request,
                                           const char *required_permission, Response &principal_out);

}  // namespace pim::host
