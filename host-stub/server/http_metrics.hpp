// The host's own Prometheus series (pim_host_http_requests_total by route
// and status, pim_host_http_requests_in_flight) and GET /metrics. A route
// label is a registered path or a fixed name, never the path requested:
// the label set stays small and no token or id in a URL reaches /metrics.
#pragma once

#include "loader/registry.hpp"
#include "metrics/metrics.hpp"
#include "server/http_types.hpp"

#include <array>
#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace pim::host {

class HttpMetrics {
public:
    // Registers the host's families in `metrics` (throws MetricError); the
    // route labels are the paths of `registry`'s routes and the fixed ones.
    HttpMetrics(Metrics &metrics, const Registry &registry);

    // The label of a request that reached the router, by its path and answer.
    [[nodiscard]] std::size_t route_of(const Request &request, int status) const;
    // The label of an answer given before any route was looked at (invalid
    // HTTP, too large, too many connections).
    [[nodiscard]] std::size_t unrouted() const { return other_; }

    void started() noexcept;  // a request is in flight
    // One answer of `route` with `status`; with `finished`, no longer in flight.
    void count(std::size_t route, int status, bool finished) noexcept;

    // GET /metrics: every family of the host and its plugins.
    [[nodiscard]] Response scrape(const Request &request) const;

private:
    static constexpr int first_status = 100;
    static constexpr int status_count = 500;  // 100 to 599
    struct Route {
        std::string label;
        // Series resolved on first use, then one atomic load per answer.
        std::unique_ptr<std::array<std::atomic<pim_metric_series *>, status_count>> by_status;
    };
    std::size_t add_route(std::string label);
    [[nodiscard]] std::size_t find(std::string_view label) const;

    Metrics &metrics_;
    pim_metric &requests_;
    pim_metric_series *in_flight_;
    std::vector<Route> routes_;
    std::size_t metrics_route_ = 0, api_list_ = 0, api_ = 0, not_found_ = 0, other_ = 0;
};

}  // namespace pim::host
