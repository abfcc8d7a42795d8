// Pure logic of connection monitoring: durations typed by administrators,
// hourly buckets, and the in-memory usage recorder.
#include "app/usage_recorder.hpp"
#include "domain/duration.hpp"

#include <boost/test/unit_test.hpp>

#include <thread>
#include <vector>

using namespace pim;

BOOST_AUTO_TEST_SUITE(monitoring)

BOOST_AUTO_TEST_CASE(durations_take_a_positive_count_and_one_unit) {
    BOOST_TEST(*parse_duration("90d") == 90 * 86400);
    BOOST_TEST(*parse_duration("12h") == 12 * 3600);
    BOOST_TEST(*parse_duration("30m") == 1800);
    BOOST_TEST(*parse_duration("45s") == 45);
    BOOST_TEST(*parse_duration("2w") == 14 * 86400);
    for (const char *bad : {"", "d", "90", "0d", "-1d", "+1d", " 1d", "1 d", "1.5h", "1D", "1y", "1dd",
                            "99999999999999999999d", "5300w"})
        BOOST_TEST(!parse_duration(bad).has_value(), bad);
}

BOOST_AUTO_TEST_CASE(hour_buckets_start_at_the_hour_also_before_1970) {
    BOOST_TEST(hour_start(0) == 0);
    BOOST_TEST(hour_start(3599) == 0);
    BOOST_TEST(hour_start(3600) == 3600);
    BOOST_TEST(hour_start(1764662400 + 1234) == 1764662400);
    BOOST_TEST(hour_start(-1) == -3600);
    BOOST_TEST(hour_start(-3600) == -3600);
    BOOST_TEST(utc_timestamp(1764662400) == "2025-12-02T08:00:00Z");
}

BOOST_AUTO_TEST_CASE(the_recorder_sums_counts_and_keeps_the_newest_use_across_threads) {
    UsageRecorder recorder;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&recorder, t] {
            for (int i = 0; i < 1000; ++i) {
                recorder.count(1 + (i % 3), 7200 + i, Metric::api_granted);
                recorder.used(1 + (i % 3), 10, 100 + i % 3, 7200 + i + t);
            }
        });
    for (auto &thread : threads) thread.join();
    UsageBatch batch = recorder.take();
    std::int64_t total = 0;
    for (const auto &[key, hits] : batch.counts) {
        BOOST_TEST(key.hour_start == 7200);
        total += hits;
    }
    BOOST_TEST(total == 4000);
    BOOST_TEST(batch.user_last_used.at(10) == 7200 + 999 + 3);
    BOOST_TEST(recorder.take().empty());  // taken once

    recorder.count(1, 7200, Metric::api_granted);
    recorder.restore(std::move(batch));  // a failed flush comes back and adds up
    const UsageBatch again = recorder.take();
    BOOST_TEST(again.counts.at(UsageKey{1, 7200, Metric::api_granted}) == 1 + 1336);
}

BOOST_AUTO_TEST_CASE(metric_names_and_which_count_a_response) {
    BOOST_TEST(metric_name(Metric::api_granted) == "api.200");
    BOOST_TEST(metric_name(Metric::secret_previous) == "secret.previous");
    BOOST_TEST(counts_a_response(Metric::grant_other_refused));
    BOOST_TEST(!counts_a_response(Metric::throttled));
    BOOST_TEST(!counts_a_response(Metric::secret_current));
}

BOOST_AUTO_TEST_SUITE_END()
