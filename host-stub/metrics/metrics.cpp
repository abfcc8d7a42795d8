#include "metrics/metrics.hpp"

#include <prometheus/check_names.h>
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <sstream>

namespace pim::host::detail {

// prometheus-cpp's Histogram takes a mutex in every Observe; the ABI promises
// that metric_record never locks, so histograms count in atomics here and
// are turned into prometheus-cpp's samples only when scraped.
class AtomicHistogram {
public:
    explicit AtomicHistogram(const std::vector<double> &bounds)
        : bounds_(bounds), counts_(bounds.size() + 1) {}

    void observe(double value) noexcept {
        // Prometheus buckets are "less than or equal": the first bound >= value.
        const auto bucket = static_cast<std::size_t>(std::lower_bound(bounds_.begin(), bounds_.end(), value) -
                                                     bounds_.begin());
        counts_[bucket].fetch_add(1, std::memory_order_relaxed);
        sum_.fetch_add(value, std::memory_order_relaxed);
    }

    [[nodiscard]] prometheus::ClientMetric::Histogram snapshot() const {
        prometheus::ClientMetric::Histogram out;
        std::uint64_t cumulative = 0;
        for (std::size_t i = 0; i < bounds_.size(); ++i) {
            cumulative += counts_[i].load(std::memory_order_relaxed);
            out.bucket.push_back({cumulative, bounds_[i]});
        }
        cumulative += counts_.back().load(std::memory_order_relaxed);
        out.bucket.push_back({cumulative, std::numeric_limits<double>::infinity()});
        out.sample_count = cumulative;
        out.sample_sum = sum_.load(std::memory_order_relaxed);
        return out;
    }

private:
    const std::vector<double> &bounds_;  // the family's, which outlives its series
    std::vector<std::atomic<std::uint64_t>> counts_;
    std::atomic<double> sum_{0.0};
};

}  // namespace pim::host::detail

struct pim_metric_series {
    int kind = 0;
    prometheus::Counter *counter = nullptr;
    prometheus::Gauge *gauge = nullptr;
    std::unique_ptr<pim::host::detail::AtomicHistogram> histogram;
    prometheus::Labels labels;
};

struct pim_metric {
    pim::host::MetricDefinition definition;
    prometheus::Family<prometheus::Counter> *counters = nullptr;
    prometheus::Family<prometheus::Gauge> *gauges = nullptr;
    std::mutex mutex;  // guards `series`
    std::map<std::vector<std::string>, std::unique_ptr<pim_metric_series>, std::less<>> series;
};

namespace pim::host {
namespace {

// A family holds at most this many series: label values come from small
// fixed sets, so more means a plugin passes something it should not.
constexpr std::size_t max_series_per_family = 1000;
constexpr std::size_t max_label_value_bytes = 64;

std::string kind_name(int kind) {
    switch (kind) {
        case PIM_METRIC_COUNTER: return "counter";
        case PIM_METRIC_GAUGE: return "gauge";
        case PIM_METRIC_HISTOGRAM: return "histogram";
        default: return "unknown";
    }
}

void check_labels(const MetricDefinition &definition) {
    std::set<std::string> seen;
    for (const auto &label : definition.label_names) {
        if (!prometheus::CheckLabelName(label) || (definition.kind == PIM_METRIC_HISTOGRAM && label == "le"))
            throw MetricError(
                "metric " + definition.name + ": invalid label name \"" + label +
                "\" (letters, digits and _, not starting with __; \"le\" is a histogram's own)");
        if (!seen.insert(label).second)
            throw MetricError("metric " + definition.name + ": label \"" + label + "\" appears twice");
    }
}

void check_buckets(const MetricDefinition &definition) {
    if (definition.kind != PIM_METRIC_HISTOGRAM) return;
    const auto &b = definition.buckets;
    const bool finite = std::all_of(b.begin(), b.end(), [](double v) { return std::isfinite(v); });
    if (b.empty() || !finite || std::adjacent_find(b.begin(), b.end(), std::greater_equal<>()) != b.end())
        throw MetricError("histogram " + definition.name +
                          ": needs finite bucket bounds in strictly ascending order (+Inf is implied)");
}

void check_definition(const MetricDefinition &definition) {
    if (definition.kind != PIM_METRIC_COUNTER && definition.kind != PIM_METRIC_GAUGE &&
        definition.kind != PIM_METRIC_HISTOGRAM)
        throw MetricError("metric " + definition.name + ": unknown kind " + std::to_string(definition.kind) +
                          " (PIM_METRIC_COUNTER, _GAUGE or _HISTOGRAM)");
    if (!prometheus::CheckMetricName(definition.name))
        throw MetricError("invalid metric name \"" + definition.name +
                          "\" (letters, digits, _ and :, not starting with a digit)");
    if (definition.help.empty() || definition.help.find('\n') != std::string::npos)
        throw MetricError("metric " + definition.name + ": needs a help text of one line");
    check_labels(definition);
    check_buckets(definition);
}

// Printable ASCII, short: an outcome, a grant type, a status.
bool acceptable_label_value(std::string_view value) {
    return !value.empty() && value.size() <= max_label_value_bytes &&
           std::all_of(value.begin(), value.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
}

std::unique_ptr<pim_metric_series> make_series(pim_metric &metric, prometheus::Labels labels) {
    auto series = std::make_unique<pim_metric_series>();
    series->kind = metric.definition.kind;
    switch (series->kind) {
        case PIM_METRIC_COUNTER: series->counter = &metric.counters->Add(labels); break;
        case PIM_METRIC_GAUGE: series->gauge = &metric.gauges->Add(labels); break;
        default: series->histogram = std::make_unique<detail::AtomicHistogram>(metric.definition.buckets);
    }
    series->labels = std::move(labels);
    return series;
}

prometheus::MetricFamily collect_histogram(pim_metric &metric) {
    prometheus::MetricFamily family{
        metric.definition.name, metric.definition.help, prometheus::MetricType::Histogram, {}};
    const std::lock_guard lock(metric.mutex);
    for (const auto &[values, series] : metric.series) {
        prometheus::ClientMetric sample;
        for (const auto &[name, value] : series->labels) sample.label.push_back({name, value});
        sample.histogram = series->histogram->snapshot();
        family.metric.push_back(std::move(sample));
    }
    return family;
}

}  // namespace

Metrics::Metrics() : registry_(std::make_shared<prometheus::Registry>()) {}

Metrics::~Metrics() = default;

pim_metric &Metrics::add(const MetricDefinition &definition, const std::string &owner) {
    check_definition(definition);
    const std::lock_guard lock(mutex_);
    for (const auto &family : families_)
        if (family->definition.name == definition.name)
            throw MetricError("metric " + definition.name + " is already registered (as a " +
                              kind_name(family->definition.kind) + ")");
    auto metric = std::make_unique<pim_metric>();
    metric->definition = definition;
    try {
        if (definition.kind == PIM_METRIC_COUNTER)
            metric->counters =
                &prometheus::BuildCounter().Name(definition.name).Help(definition.help).Register(*registry_);
        else if (definition.kind == PIM_METRIC_GAUGE)
            metric->gauges =
                &prometheus::BuildGauge().Name(definition.name).Help(definition.help).Register(*registry_);
    } catch (const std::invalid_argument &error) {
        throw MetricError("metric " + definition.name + " of " + owner + ": " + error.what());
    }
    families_.push_back(std::move(metric));
    return *families_.back();
}

pim_metric_series *Metrics::series(pim_metric &metric, const std::vector<std::string_view> &label_values) {
    const auto &names = metric.definition.label_names;
    if (label_values.size() != names.size()) return nullptr;
    if (!std::all_of(label_values.begin(), label_values.end(), acceptable_label_value)) return nullptr;
    const std::vector<std::string> key(label_values.begin(), label_values.end());
    const std::lock_guard lock(metric.mutex);
    if (const auto found = metric.series.find(key); found != metric.series.end()) return found->second.get();
    if (metric.series.size() >= max_series_per_family) return nullptr;
    prometheus::Labels labels;
    for (std::size_t i = 0; i < names.size(); ++i) labels.emplace(names[i], key[i]);
    auto &slot = metric.series[key];
    slot = make_series(metric, std::move(labels));
    return slot.get();
}

void Metrics::record(pim_metric_series &series, double value) noexcept {
    switch (series.kind) {
        case PIM_METRIC_COUNTER:
            if (value >= 0) series.counter->Increment(value);
            break;
        case PIM_METRIC_GAUGE: series.gauge->Increment(value); break;
        case PIM_METRIC_HISTOGRAM: series.histogram->observe(value); break;
        default: break;
    }
}

std::string Metrics::exposition() const {
    std::vector<prometheus::MetricFamily> families = registry_->Collect();
    {
        const std::lock_guard lock(mutex_);
        for (const auto &family : families_)
            if (family->definition.kind == PIM_METRIC_HISTOGRAM)
                families.push_back(collect_histogram(*family));
    }
    std::ostringstream out;
    prometheus::TextSerializer().Serialize(out, families);
    return out.str();
}

}  // namespace pim::host
