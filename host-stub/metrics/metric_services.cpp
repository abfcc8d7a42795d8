#include "metrics/metric_services.hpp"

#include "loader/plugin_loader.hpp"
#include "metrics/metrics.hpp"

#include <algorithm>
#include <cstring>

namespace pim::host {
namespace {

// A plugin's metric names may not start with this: the host's own series.
constexpr std::string_view host_prefix = "pim_host_";
constexpr std::size_t max_labels = 16;
constexpr std::size_t max_buckets = 64;

pim_status refuse(pim_host_context *ctx, const pim_sink *error, pim_status status,
                  const std::string &message) {
    if (ctx->refusal.empty()) ctx->refusal = message;
    if (error != nullptr && error->write != nullptr)
        error->write(error->opaque, message.data(), message.size());
    return status;
}

// The definition as this host reads it: what both sides know, the rest zero.
pim_metric_def read_definition(const pim_metric_def &in) {
    pim_metric_def def{};
    std::memcpy(&def, &in, std::min(in.struct_size, sizeof def));
    return def;
}

// Throws MetricError when the lists are unterminated or too long.
MetricDefinition to_definition(const pim_metric_def &def) {
    MetricDefinition out;
    out.kind = def.kind;
    out.name = def.name == nullptr ? "" : def.name;
    out.help = def.help == nullptr ? "" : def.help;
    for (const char *const *label = def.label_names; label != nullptr && *label != nullptr; ++label) {
        if (out.label_names.size() == max_labels)
            throw MetricError("metric " + out.name + ": more than " + std::to_string(max_labels) + " labels");
        out.label_names.emplace_back(*label);
    }
    if (def.kind == PIM_METRIC_HISTOGRAM) {
        if (def.buckets == nullptr || def.bucket_count > max_buckets)
            throw MetricError("histogram " + out.name + ": needs 1 to " + std::to_string(max_buckets) +
                              " bucket bounds");
        out.buckets.assign(def.buckets, def.buckets + def.bucket_count);
    }
    if (out.name.compare(0, host_prefix.size(), host_prefix) == 0)
        throw MetricError("metric " + out.name + ": names starting with " + std::string(host_prefix) +
                          " are the host's own; use the plugin's prefix");
    return out;
}

pim_status register_metric(pim_host_context *ctx, const pim_metric_def *in, pim_metric **metric,
                           const pim_sink *error) noexcept try {
    if (ctx == nullptr || metric == nullptr || ctx->metrics == nullptr) return PIM_ERR_INVALID_ARGUMENT;
    *metric = nullptr;
    if (ctx->staging == nullptr)
        return refuse(ctx, error, PIM_ERR_NOT_ALLOWED, "a metric can only be registered during init");
    if (in == nullptr || in->struct_size < PIM_METRIC_DEF_SIZE_1_3)
        return refuse(ctx, error, PIM_ERR_INVALID_ARGUMENT,
                      "invalid metric definition (NULL or struct_size too small)");
    try {
        *metric = &ctx->metrics->add(to_definition(read_definition(*in)), ctx->plugin->name);
        return PIM_OK;
    } catch (const MetricError &refused) {
        return refuse(ctx, error, PIM_ERR_INVALID_ARGUMENT, refused.what());
    }
} catch (...) {
    return PIM_ERR_INTERNAL;
}

pim_metric_series *metric_series(pim_host_context *ctx, pim_metric *metric,
                                 const pim_string_view *label_values, size_t label_count) noexcept try {
    if (ctx == nullptr || ctx->metrics == nullptr || metric == nullptr ||
        (label_values == nullptr && label_count != 0))
        return nullptr;
    std::vector<std::string_view> values;
    values.reserve(label_count);
    for (size_t i = 0; i < label_count; ++i)
        values.emplace_back(label_values[i].data == nullptr ? "" : label_values[i].data,
                            label_values[i].data == nullptr ? 0 : label_values[i].length);
    return ctx->metrics->series(*metric, values);
} catch (...) {
    return nullptr;
}

void metric_record(pim_metric_series *series, double value) noexcept {
    if (series != nullptr) Metrics::record(*series, value);
}

}  // namespace

void offer_metric_services(pim_host_services &services) {
    services.register_metric = register_metric;
    services.metric_series = metric_series;
    services.metric_record = metric_record;
}

}  // namespace pim::host
