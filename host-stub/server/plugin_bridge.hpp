// Calls into the plugins' HTTP services through the C ABI: a registered
// route handler, and the request authenticator.
#pragma once

#include "loader/registry.hpp"
#include "server/http_types.hpp"

#include <optional>

namespace pim::host {

Response call_route(const RouteEntry &route, const Request &request);

// Whether `request` to `route` goes to the worker pool: the route may block
// (PIM_ROUTE_MAY_BLOCK) and its plugin does not say this request will not
// (ABI 1.4 request_may_block). Called on the I/O thread.
bool route_blocks(const RouteEntry &route, const Request &request);

// nullopt: granted (`principal_out` has who); otherwise the refusal to send.
std::optional<Response> call_authenticator(const AuthenticatorEntry &authenticator, const Request &request,
                                           const char *required_permission, Response &principal_out);

}  // namespace pim::host
