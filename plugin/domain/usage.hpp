// What connection monitoring counts (issue 15): metrics per client and hour,
// and the batch of counts and "last used" times a host adds to the database.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <unordered_map>

namespace pim {

enum class Metric : std::uint8_t {
    api_granted,  // stored as "api.200": token valid, permission granted
    api_unauthorized,
    api_forbidden,
    grant_password_ok,
    grant_password_refused,
    grant_refresh_token_ok,
    grant_refresh_token_refused,
    grant_client_credentials_ok,
    grant_client_credentials_refused,
    grant_other_refused,  // unknown or missing grant type, malformed request
    throttled,            // 429 answered by the token endpoint (also counted as refused)
    secret_current,       // a client authenticated with its current secret
    secret_previous,      // ... with its previous one (regenerate-secret --keep-previous-for)
};
inline constexpr std::size_t metric_count = 13;
std::string_view metric_name(Metric metric);
// Metrics that each count one HTTP response: their sum over all hosts
// equals the responses served by the bearer check and the token endpoint.
bool counts_a_response(Metric metric);

struct UsageKey {
    std::int64_t client_id = 0;  // 0: no client could be named
    std::int64_t hour_start = 0;
    Metric metric = Metric::api_granted;
    bool operator==(const UsageKey &other) const {
        return client_id == other.client_id && hour_start == other.hour_start && metric == other.metric;
    }
};

struct UsageKeyHash {
    std::size_t operator()(const UsageKey &key) const noexcept {
        return std::hash<std::int64_t>()(key.client_id * 1000003 + key.hour_start) ^
               (static_cast<std::size_t>(key.metric) << 1U);
    }
};

// What a flush writes: counts to add, and the newest use time per id.
struct UsageBatch {
    std::unordered_map<UsageKey, std::int64_t, UsageKeyHash> counts;
    std::unordered_map<std::int64_t, std::int64_t> client_last_used;
    std::unordered_map<std::int64_t, std::int64_t> user_last_used;
    std::unordered_map<std::int64_t, std::int64_t> access_token_last_used;  // by token row id

    [[nodiscard]] bool empty() const {
        return counts.empty() && client_last_used.empty() && user_last_used.empty() &&
               access_token_last_used.empty();
    }
    // Adds `other` into this batch (counts summed, newest times kept).
    void merge(UsageBatch &&other);
};

}  // namespace pim
