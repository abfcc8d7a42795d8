// The request log of `pim-host serve`: one line per request, as text (the
// default) or, with server.log_format: json, one JSON object per line with
// the same fields. The target is already masked (no token), the client and
// user come from the authenticator. Health checks (/healthz, /readyz) are
// not logged: load balancers poll them.
#pragma once

#include "config/host_settings.hpp"

#include <string>
#include <string_view>

namespace pim::host {

// Views: valid while the line is formatted.
struct RequestLogEntry {
    std::string_view time;  // ISO 8601 UTC
    std::string_view remote;
    std::string_view method;
    std::string_view target;  // masked
    int status = 0;
    double duration_ms = 0;
    std::string_view client;  // empty: none
    std::string_view user;    // empty: none
};

bool is_logged_path(std::string_view path);
std::string format_request_log(const RequestLogEntry &entry, ServerSettings::LogFormat format);

}  // namespace pim::host
