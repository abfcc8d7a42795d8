// GET /.well-known/oauth-authorization-server (RFC 8414): what this server
// offers, from oauth.issuer; 404 while no issuer is configured.
#pragma once

#include "config/settings.hpp"
#include "http/http_response.hpp"

#include "pim/plugin_abi.h"

namespace pim {

inline constexpr const char *metadata_path = "/.well-known/oauth-authorization-server";

HttpResponse handle_metadata_request(const pim_http_request &request, const Settings &settings);

}  // namespace pim
