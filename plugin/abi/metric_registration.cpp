#include "abi/metric_registration.hpp"

#include <string>
#include <vector>

namespace pim {
namespace {

// Bearer checks take microseconds to a few milliseconds; token requests up
// to a second (Argon2id at the production cost takes 100-200 ms).
constexpr std::array<double, 12> bearer_buckets{0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025,
                                                0.005,   0.01,   0.025,   0.05,   0.1,   0.25};
constexpr std::array<double, 12> token_buckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                               0.1,   0.25,   0.5,   1,    2.5,   5};

bool host_has_metrics(const pim_host_services &host) {
    return PIM_HAS_MEMBER(&host, pim_host_services, metric_record) && host.register_metric != nullptr &&
           host.metric_series != nullptr && host.metric_record != nullptr;
}

class Registrar {
public:
    Registrar(const pim_host_services &host, pim_host_context *ctx, const pim_sink *error)
        : host_(host), ctx_(ctx), error_(error) {}

    // Registers a family; nullptr after a refusal (status() says which).
    pim_metric *family(int kind, const char *name, const char *help, std::vector<const char *> labels,
                       const double *buckets = nullptr, std::size_t bucket_count = 0) {
        if (status_ != PIM_OK) return nullptr;
        labels.push_back(nullptr);
        pim_metric_def def{};
        def.struct_size = sizeof def;
        def.kind = kind;
        def.name = name;
        def.help = help;
        def.label_names = labels.data();
        def.buckets = buckets;
        def.bucket_count = bucket_count;
        pim_metric *metric = nullptr;
        status_ = host_.register_metric(ctx_, &def, &metric, error_);
        return status_ == PIM_OK ? metric : nullptr;
    }

    PluginMetrics::Series series(pim_metric *metric, std::vector<std::string_view> values) {
        if (metric == nullptr) return {};
        std::vector<pim_string_view> views;
        for (const auto value : values) views.push_back({value.data(), value.size()});
        return {host_.metric_record, host_.metric_series(ctx_, metric, views.data(), views.size())};
    }

    [[nodiscard]] pim_status status() const { return status_; }

private:
    const pim_host_services &host_;
    pim_host_context *ctx_;
    const pim_sink *error_;
    pim_status status_ = PIM_OK;
};

void register_bearer_checks(Registrar &r, PluginMetrics &m) {
    pim_metric *checks = r.family(PIM_METRIC_COUNTER, "pim_oauth_bearer_checks_total",
                                  "Bearer checks of API calls, by outcome (HTTP status)", {"outcome"});
    for (std::size_t i = 0; i < m.bearer_checks.size(); ++i)
        m.bearer_checks[i] = r.series(checks, {PluginMetrics::bearer_outcomes[i]});
    pim_metric *seconds = r.family(PIM_METRIC_HISTOGRAM, "pim_oauth_bearer_check_duration_seconds",
                                   "Time taken by a bearer check, database lookup included", {},
                                   bearer_buckets.data(), bearer_buckets.size());
    m.bearer_check_seconds = r.series(seconds, {});
}

void register_token_requests(Registrar &r, PluginMetrics &m) {
    pim_metric *requests =
        r.family(PIM_METRIC_COUNTER, "pim_oauth_token_requests_total",
                 "Token endpoint requests, by grant type and outcome (ok or the error code)",
                 {"grant_type", "outcome"});
    pim_metric *seconds = r.family(PIM_METRIC_HISTOGRAM, "pim_oauth_token_request_duration_seconds",
                                   "Time taken by a token request, password hashing included", {"grant_type"},
                                   token_buckets.data(), token_buckets.size());
    for (std::size_t g = 0; g < PluginMetrics::grant_types.size(); ++g) {
        const auto grant = PluginMetrics::grant_types[g];
        for (std::size_t o = 0; o < PluginMetrics::token_outcomes.size(); ++o)
            m.token_requests[g][o] = r.series(requests, {grant, PluginMetrics::token_outcomes[o]});
        m.token_request_seconds[g] = r.series(seconds, {grant});
    }
}

void register_storage(Registrar &r, PluginMetrics &m) {
    pim_metric *throttled = r.family(PIM_METRIC_COUNTER, "pim_oauth_throttled_requests_total",
                                     "Requests answered 429 by the throttle, by endpoint", {"endpoint"});
    for (std::size_t i = 0; i < m.throttled_requests.size(); ++i)
        m.throttled_requests[i] = r.series(throttled, {PluginMetrics::throttled_endpoints[i]});
    m.database_errors = r.series(
        r.family(PIM_METRIC_COUNTER, "pim_oauth_database_errors_total",
                 "Pooled database connections dropped after a storage error, or that could not be opened",
                 {}),
        {});
    m.reconnects = r.series(r.family(PIM_METRIC_COUNTER, "pim_oauth_database_reconnects_total",
                                     "Pooled database connections opened again after a failure", {}),
                            {});
    m.pool_waits =
        r.series(r.family(PIM_METRIC_COUNTER, "pim_oauth_pool_waits_total",
                          "Requests that waited for a pooled database connection (all were in use)", {}),
                 {});
    m.token_connection_waits = r.series(
        r.family(PIM_METRIC_COUNTER, "pim_oauth_token_connection_waits_total",
                 "SQLite: token requests that waited for the connection token requests take in turn", {}),
        {});
}

}  // namespace

pim_status register_plugin_metrics(const pim_host_services &host, pim_host_context *ctx,
                                   PluginMetrics &metrics, const pim_sink *error) {
    if (!host_has_metrics(host)) return PIM_OK;
    Registrar registrar(host, ctx, error);
    register_bearer_checks(registrar, metrics);
    register_token_requests(registrar, metrics);
    register_storage(registrar, metrics);
    if (registrar.status() != PIM_OK) metrics = PluginMetrics{};
    return registrar.status();
}

}  // namespace pim
