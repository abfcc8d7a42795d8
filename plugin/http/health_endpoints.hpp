// GET /healthz (the process answers) and GET /readyz (the database answers
// and its schema is the one this plugin needs; 503 with a reason otherwise),
// for load balancers: unauthenticated, one cheap query at most, and never
// logged at info level (docs/operations.md, "Behind a load balancer").
#pragma once

#include "http/http_response.hpp"
#include "storage/connection_pool.hpp"

#include "pim/plugin_abi.h"

#include <functional>
#include <string>

namespace pim {

inline constexpr const char *liveness_path = "/healthz";
inline constexpr const char *readiness_path = "/readyz";

HttpResponse handle_liveness_request(const pim_http_request &request);
// `pool` opens the pool on first use and throws when the database cannot be
// reached or its schema is outdated. Never throws.
HttpResponse handle_readiness_request(const pim_http_request &request,
                                      const std::function<ConnectionPool &()> &pool,
                                      const std::function<void(int, const std::string &)> &log) noexcept;

}  // namespace pim
