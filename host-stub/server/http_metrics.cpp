#include "server/http_metrics.hpp"

namespace pim::host {
namespace {

MetricDefinition requests_definition() {
    return {PIM_METRIC_COUNTER,
            "pim_host_http_requests_total",
            "HTTP requests answered, by route (registered path or api, not_found, other) and status",
            {"route", "status"},
            {}};
}

MetricDefinition in_flight_definition() {
    return {PIM_METRIC_GAUGE, "pim_host_http_requests_in_flight", "HTTP requests being handled", {}, {}};
}

}  // namespace

HttpMetrics::HttpMetrics(Metrics &metrics, const Registry &registry)
    : metrics_(metrics),
      requests_(metrics.add(requests_definition(), "pim-host")),
      in_flight_(metrics.series(metrics.add(in_flight_definition(), "pim-host"), {})) {
    for (const auto &route : registry.routes())
        if (find(route.path) == routes_.size()) add_route(route.path);
    metrics_route_ = add_route("/metrics");
    api_list_ = add_route("/api/rest/v1");
    api_ = add_route("api");  // any other path under /api/: the API behind the bearer check
    not_found_ = add_route("not_found");
    other_ = add_route("other");
}

std::size_t HttpMetrics::add_route(std::string label) {
    if (const auto found = find(label); found != routes_.size()) return found;
    routes_.push_back(
        {std::move(label), std::make_unique<std::array<std::atomic<pim_metric_series *>, status_count>>()});
    return routes_.size() - 1;
}

std::size_t HttpMetrics::find(std::string_view label) const {
    for (std::size_t i = 0; i < routes_.size(); ++i)
        if (routes_[i].label == label) return i;
    return routes_.size();
}

std::size_t HttpMetrics::route_of(const Request &request, int status) const {
    if (const auto found = find(request.path);
        found != routes_.size() && found != not_found_ && found != other_ && found != api_)
        return found;
    if (request.path == "/api/rest/v1/") return api_list_;
    if (request.path.starts_with("/api/")) return api_;
    return status == 404 ? not_found_ : other_;
}

void HttpMetrics::started() noexcept {
    Metrics::record(*in_flight_, 1);
}

void HttpMetrics::count(std::size_t route, int status, bool finished) noexcept {
    if (finished) Metrics::record(*in_flight_, -1);
    if (route >= routes_.size() || status < first_status || status >= first_status + status_count) return;
    auto &slot = (*routes_[route].by_status)[static_cast<std::size_t>(status - first_status)];
    pim_metric_series *series = slot.load(std::memory_order_acquire);
    if (series == nullptr) {
        try {
            const std::string status_text = std::to_string(status);
            series = metrics_.series(requests_, {routes_[route].label, status_text});
        } catch (...) {  // NOLINT(bugprone-empty-catch): out of memory; this answer goes uncounted
            return;
        }
        if (series == nullptr) return;
        slot.store(series, std::memory_order_release);  // the same series whoever resolves it
    }
    Metrics::record(*series, 1);
}

Response HttpMetrics::scrape(const Request &request) const {
    if (request.method != "GET" && request.method != "HEAD") {
        Response refused = json_message(405, "No route found for \"" + std::string(request.method) +
                                                 " /metrics\": Method Not Allowed (Allow: GET, HEAD)");
        refused.headers.emplace_back("Allow", "GET, HEAD");
        return refused;
    }
    Response response;
    response.headers.emplace_back("Content-Type", metrics_content_type);
    response.headers.emplace_back("Cache-Control", "no-store");
    response.body = metrics_.exposition();
    return response;
}

}  // namespace pim::host
