// The Prometheus series of pim-host and its plugins (plugin ABI 1.3):
// families registered at start-up, series resolved once by their users and
// kept, one atomic add per record, and the text exposition of them all
// (prometheus-cpp's registry and TextSerializer).
#pragma once

#include "pim/plugin_abi.h"

#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace prometheus {
class Registry;
}

namespace pim::host {

// A definition the registry refuses; the message says what and how to fix it.
class MetricError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct MetricDefinition {
    int kind = PIM_METRIC_COUNTER;  // PIM_METRIC_*
    std::string name;
    std::string help;
    std::vector<std::string> label_names;
    std::vector<double> buckets;  // histograms: ascending upper bounds, +Inf implied
};

class Metrics {
public:
    Metrics();
    ~Metrics();
    Metrics(const Metrics &) = delete;
    Metrics &operator=(const Metrics &) = delete;

    // Registers a family; `owner` names who registered it in a refusal of a
    // second family of that name. Throws MetricError. Thread-safe.
    pim_metric &add(const MetricDefinition &definition, const std::string &owner);
    // The series of `metric` with these label values, created on first use;
    // nullptr when their count differs from the family's label names.
    // Thread-safe; locks: resolve once, then record.
    pim_metric_series *series(pim_metric &metric, const std::vector<std::string_view> &label_values);
    // Counter: adds value (>= 0; a negative one is ignored); gauge: adds
    // value; histogram: observes it. Atomic adds only: never locks.
    static void record(pim_metric_series &series, double value) noexcept;

    // Every family in the Prometheus text format (version 0.0.4).
    [[nodiscard]] std::string exposition() const;

private:
    std::shared_ptr<prometheus::Registry> registry_;  // counters and gauges
    mutable std::mutex mutex_;
    std::vector<std::unique_ptr<pim_metric>> families_;
};

// The Content-Type of exposition().
inline constexpr const char *metrics_content_type = "text/plain; version=0.0.4; charset=utf-8";

}  // namespace pim::host
