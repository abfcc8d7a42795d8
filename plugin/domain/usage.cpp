#include "domain/usage.hpp"

#include <algorithm>

namespace pim {
namespace {

constexpr std::array<std::string_view, metric_count> metric_names{
    "api.200",
    "api.401",
    "api.403",
    "grant.password.ok",
    "grant.password.refused",
    "grant.refresh_token.ok",
    "grant.refresh_token.refused",
    "grant.client_credentials.ok",
    "grant.client_credentials.refused",
    "grant.other.refused",
    "throttled",
    "secret.current",
    "secret.previous",
};

void keep_newest(std::unordered_map<std::int64_t, std::int64_t> &times, std::int64_t id, std::int64_t at) {
    auto [it, inserted] = times.try_emplace(id, at);
    if (!inserted) it->second = std::max(it->second, at);
}

void merge_times(std::unordered_map<std::int64_t, std::int64_t> &into,
                 const std::unordered_map<std::int64_t, std::int64_t> &from) {
    for (const auto &[id, at] : from) keep_newest(into, id, at);
}

}  // namespace

std::string_view metric_name(Metric metric) {
    return metric_names[static_cast<std::size_t>(metric)];
}

bool counts_a_response(Metric metric) {
    return metric != Metric::throttled && metric != Metric::secret_current &&
           metric != Metric::secret_previous;
}

void UsageBatch::merge(UsageBatch &&other) {
    if (empty()) {
        *this = std::move(other);
        return;
    }
    for (const auto &[key, hits] : other.counts) counts[key] += hits;
    merge_times(client_last_used, other.client_last_used);
    merge_times(user_last_used, other.user_last_used);
    merge_times(access_token_last_used, other.access_token_last_used);
}

}  // namespace pim
