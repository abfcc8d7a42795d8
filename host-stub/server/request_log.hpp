// The request log of `pim-host serve`: one line per request, as text (the
// default) or, with server.log_format: json, one JSON object per line with
// the same fields. The target is already masked (no token), the client and
// user come from the authenticator. Health checks (/healthz, /readyz) are
// not logged: load balancers poll them.
#pragma once

#include "config/host_settings.hpp"

#include <string>

namespace pim::host {

struct RequestLogEntry {
    std::string time;  // ISO 8601 UTC
    std::string remote;
    std::string method;
    std::string target;  // masked
    int status = 0;
    double duration_ms = 0;
    std::string client;  // empty: none
    std::string user;    // empty: none
};

bool is_logged_path(const std::string &path);
std::string format_request_log(const RequestLogEntry &entry, ServerSettings::LogFormat format);

}  // namespace pim::host
