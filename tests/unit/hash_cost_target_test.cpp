// The CPU time old-cost logins pad to (domain/password_hasher): the median of
// the last verifications at the current cost, which one costly first hash
// does not move.
#include "domain/password_hasher.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>

using std::chrono::milliseconds;

BOOST_AUTO_TEST_SUITE(hash_cost_target)

BOOST_AUTO_TEST_CASE(is_zero_before_the_first_sample) {
    const pim::HashCostTarget target;
    BOOST_TEST(target.get().count() == 0);
}

// A worker's first hash faults its memory in (here five times the others):
// after two ordinary ones the target is theirs. A moving average (7/8 old,
// 1/8 new) stayed above 400 ms for these samples.
BOOST_AUTO_TEST_CASE(one_costly_first_hash_does_not_move_it) {
    pim::HashCostTarget target;
    target.record(milliseconds(500));
    BOOST_TEST(target.get() == milliseconds(500));
    for (int i = 0; i < 2; ++i) target.record(milliseconds(100));
    BOOST_TEST(target.get() == milliseconds(100));
}

// Only the last 8 samples count: a slower machine state is taken up.
BOOST_AUTO_TEST_CASE(follows_the_last_eight_samples) {
    pim::HashCostTarget target;
    for (int i = 0; i < 8; ++i) target.record(milliseconds(100));
    for (int i = 0; i < 5; ++i) target.record(milliseconds(200));
    BOOST_TEST(target.get() == milliseconds(200));
}

BOOST_AUTO_TEST_SUITE_END()
