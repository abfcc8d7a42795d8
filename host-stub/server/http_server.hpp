// `pim-host serve`: an asynchronous HTTP/1.1 server (Boost.Beast), one
// thread per core by default, keep-alive, size limits and timeouts, one log
// line per request, clean stop on SIGINT / SIGTERM.
#pragma once

#include "config/host_settings.hpp"
#include "server/http_metrics.hpp"
#include "server/router.hpp"

#include <functional>
#include <string>

namespace pim::host {

struct ServeOptions {
    ServerSettings settings;
    std::function<void(const std::string &)> announce;  // the "Listening on …" line
    std::function<void(const std::string &)> log;       // one line per request
    // Counts every answer; serves GET /metrics where settings.metrics says
    // (nullptr: no metrics at all).
    HttpMetrics *metrics = nullptr;
};

// Runs until SIGINT or SIGTERM; returns the exit code. Throws HostError when
// an address (server.listen, server.metrics_listen) cannot be bound.
int serve(const Router &router, const ServeOptions &options);

// "127.0.0.1:8080", "[::1]:0", "localhost:80" → host and port; throws HostError.
std::pair<std::string, unsigned short> parse_listen_address(const std::string &address);

}  // namespace pim::host
