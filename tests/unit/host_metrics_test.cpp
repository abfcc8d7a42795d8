// pim-host's metric registry (ABI 1.3 services): what it refuses, how it
// resolves series and what its exposition says.
#include "metrics/metrics.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

using pim::host::MetricDefinition;
using pim::host::MetricError;
using pim::host::Metrics;

namespace {

std::string refusal(Metrics &metrics, const MetricDefinition &definition) {
    try {
        metrics.add(definition, "test");
        return "accepted";
    } catch (const MetricError &error) {
        return error.what();
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(host_metrics)

BOOST_AUTO_TEST_CASE(bad_definitions_are_refused_with_a_reason) {
    Metrics metrics;
    BOOST_TEST(refusal(metrics, {PIM_METRIC_COUNTER, "9_starts_with_a_digit", "help", {}, {}}) ==
               "invalid metric name \"9_starts_with_a_digit\" (letters, digits, _ and :, not starting with a "
               "digit)");
    BOOST_TEST(refusal(metrics, {PIM_METRIC_COUNTER, "no_help_total", "", {}, {}}) ==
               "metric no_help_total: needs a help text of one line");
    BOOST_TEST(refusal(metrics, {7, "kind_total", "help", {}, {}}) ==
               "metric kind_total: unknown kind 7 (PIM_METRIC_COUNTER, _GAUGE or _HISTOGRAM)");
    BOOST_TEST(refusal(metrics, {PIM_METRIC_COUNTER, "twice_total", "help", {"a", "a"}, {}}) ==
               "metric twice_total: label \"a\" appears twice");
    BOOST_TEST(
        refusal(metrics, {PIM_METRIC_HISTOGRAM, "h_seconds", "help", {"le"}, {1}}).find("invalid label") !=
        std::string::npos);
    BOOST_TEST(
        refusal(metrics, {PIM_METRIC_HISTOGRAM, "h_seconds", "help", {}, {2, 1}}) ==
        "histogram h_seconds: needs finite bucket bounds in strictly ascending order (+Inf is implied)");
    BOOST_TEST(refusal(metrics, {PIM_METRIC_COUNTER, "once_total", "help", {}, {}}) == "accepted");
    BOOST_TEST(refusal(metrics, {PIM_METRIC_GAUGE, "once_total", "help", {}, {}}) ==
               "metric once_total is already registered (as a counter)");
}

BOOST_AUTO_TEST_CASE(series_are_resolved_once_and_refuse_values_that_are_no_label) {
    Metrics metrics;
    pim_metric &family = metrics.add({PIM_METRIC_COUNTER, "answers_total", "help", {"outcome"}, {}}, "test");
    pim_metric_series *ok = metrics.series(family, {"ok"});
    BOOST_TEST_REQUIRE(ok != nullptr);
    BOOST_TEST(metrics.series(family, {"ok"}) == ok);
    BOOST_TEST(metrics.series(family, {}) == nullptr);                      // wrong count
    BOOST_TEST(metrics.series(family, {"ok", "x"}) == nullptr);             // wrong count
    BOOST_TEST(metrics.series(family, {""}) == nullptr);                    // empty
    BOOST_TEST(metrics.series(family, {std::string(65, 'a')}) == nullptr);  // a token is longer
    BOOST_TEST(metrics.series(family, {"caf\xc3\xa9"}) == nullptr);         // not printable ASCII
    Metrics::record(*ok, 2);
    Metrics::record(*ok, -1);  // a counter never goes down
    BOOST_TEST(metrics.exposition().find("answers_total{outcome=\"ok\"} 2\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(histograms_count_into_inclusive_buckets) {
    Metrics metrics;
    pim_metric &family = metrics.add({PIM_METRIC_HISTOGRAM, "wait_seconds", "help", {}, {0.1, 1}}, "test");
    pim_metric_series *series = metrics.series(family, {});
    BOOST_TEST_REQUIRE(series != nullptr);
    for (const double value : {0.05, 0.1, 0.5, 2.0}) Metrics::record(*series, value);
    const std::string text = metrics.exposition();
    BOOST_TEST(text.find("# TYPE wait_seconds histogram\n") != std::string::npos, text);
    BOOST_TEST(text.find("wait_seconds_count 4\n") != std::string::npos, text);
    BOOST_TEST(text.find("wait_seconds_sum 2.65\n") != std::string::npos, text);
    BOOST_TEST(text.find("wait_seconds_bucket{le=\"0.1\"} 2\n") != std::string::npos, text);
    BOOST_TEST(text.find("wait_seconds_bucket{le=\"1\"} 3\n") != std::string::npos, text);
    BOOST_TEST(text.find("wait_seconds_bucket{le=\"+Inf\"} 4\n") != std::string::npos, text);
}

BOOST_AUTO_TEST_SUITE_END()
