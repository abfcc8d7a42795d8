#include "app/plugin_metrics.hpp"

#include <algorithm>

namespace pim {
namespace {

// The index of `value` in `set`, or `fallback` when it is not there.
template <std::size_t N>
std::size_t index_of(const std::array<std::string_view, N> &set, std::string_view value,
                     std::size_t fallback) {
    const auto found = std::find(set.begin(), set.end(), value);
    return found == set.end() ? fallback : static_cast<std::size_t>(found - set.begin());
}

std::size_t bearer_index(int status) {
    switch (status) {
        case 200: return 0;
        case 401: return 1;
        case 403: return 2;
        case 503: return 4;
        default: return 3;  // 500: anything else is an internal error
    }
}

std::string_view token_outcome(std::string_view error, int status) {
    if (status == 200) return "ok";
    if (status == 429) return "throttled";
    if (error != "-" && !error.empty()) return error;
    if (status == 503) return "unavailable";
    if (status >= 500) return "internal_error";
    return "bad_request";
}

}  // namespace

void PluginMetrics::bearer_check(int status, double seconds) const noexcept {
    bearer_checks[bearer_index(status)].add(1);
    bearer_check_seconds.add(seconds);
}

void PluginMetrics::token_request(std::string_view grant_type, std::string_view error, int status,
                                  double seconds) const noexcept {
    const std::size_t grant = grant_type.empty()
                                  ? index_of(grant_types, "none", 0)
                                  : index_of(grant_types, grant_type, index_of(grant_types, "other", 0));
    const std::size_t outcome =
        index_of(token_outcomes, token_outcome(error, status), index_of(token_outcomes, "internal_error", 0));
    token_requests[grant][outcome].add(1);
    token_request_seconds[grant].add(seconds);
    if (status == 429) throttled_requests[index_of(throttled_endpoints, "token", 0)].add(1);
}

void PluginMetrics::throttled(std::string_view endpoint) const noexcept {
    const std::size_t index = index_of(throttled_endpoints, endpoint, throttled_endpoints.size());
    if (index < throttled_endpoints.size()) throttled_requests[index].add(1);
}

}  // namespace pim
