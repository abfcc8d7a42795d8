// What pim-oauth counts for the host's Prometheus endpoint (plugin ABI 1.3):
// token requests by grant and outcome, bearer checks by outcome, both
// latencies, 429s, database errors, reconnects and pool waits. Every series
// is resolved once, at init (abi/metric_registration.cpp); recording is one
// call into the host, an atomic add there: no lock, no allocation on the
// bearer check. Without the host's metric services every call does nothing.
// Labels come from the fixed sets below: never a username, client id or token.
#pragma once

#include "storage/connection_pool.hpp"

#include <array>
#include <cstddef>
#include <string_view>

struct pim_metric_series;  // the host's, opaque (pim/plugin_abi.h)

namespace pim {

class PluginMetrics final : public PoolEvents {
public:
    // One series of the host: where to record, and how (metric_record).
    struct Series {
        void (*record)(pim_metric_series *series, double value) = nullptr;
        pim_metric_series *series = nullptr;
        void add(double value) const noexcept {
            if (series != nullptr) record(series, value);
        }
    };

    // The label values, in the order of the series arrays.
    static constexpr std::array<std::string_view, 5> bearer_outcomes{"200", "401", "403", "500", "503"};
    static constexpr std::array<std::string_view, 5> grant_types{"password", "refresh_token",
                                                                 "client_credentials", "other", "none"};
    // token-endpoint.md §8 error codes, "ok", and the answers §8 has no name
    // for: throttled (429), bad_request (400, 405, 415), unavailable (503),
    // internal_error (500).
    static constexpr std::array<std::string_view, 11> token_outcomes{"ok",
                                                                     "invalid_request",
                                                                     "invalid_client",
                                                                     "unauthorized_client",
                                                                     "invalid_grant",
                                                                     "invalid_scope",
                                                                     "unsupported_grant_type",
                                                                     "throttled",
                                                                     "bad_request",
                                                                     "unavailable",
                                                                     "internal_error"};
    static constexpr std::array<std::string_view, 3> throttled_endpoints{"token", "revoke", "introspect"};

    // False when the host has no metric services: callers skip even the timing.
    [[nodiscard]] bool enabled() const noexcept { return bearer_check_seconds.series != nullptr; }
    // A bearer check answered `status` (200 granted) after `seconds`.
    void bearer_check(int status, double seconds) const noexcept;
    // A token request: the grant_type as sent ("" when absent), the §8
    // error ("-" when none), the status, the time taken.
    void token_request(std::string_view grant_type, std::string_view error, int status,
                       double seconds) const noexcept;
    // A 429 of the revocation or introspection endpoint (the token
    // endpoint's are counted by token_request).
    void throttled(std::string_view endpoint) const noexcept;

    void waited_for_connection() noexcept override { pool_waits.add(1); }
    void connection_failed() noexcept override { database_errors.add(1); }
    void reconnected() noexcept override { reconnects.add(1); }
    void waited_for_pinned_connection() noexcept override { token_connection_waits.add(1); }

    // Filled at init by the ABI edge; all empty: metrics off.
    std::array<Series, bearer_outcomes.size()> bearer_checks;
    Series bearer_check_seconds;
    std::array<std::array<Series, token_outcomes.size()>, grant_types.size()> token_requests;
    std::array<Series, grant_types.size()> token_request_seconds;
    std::array<Series, throttled_endpoints.size()> throttled_requests;
    Series database_errors, reconnects, pool_waits, token_connection_waits;
};

}  // namespace pim
