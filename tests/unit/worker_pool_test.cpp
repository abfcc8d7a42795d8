#include "server/worker_pool.hpp"
#include "server/thread_priority.hpp"

#include <boost/test/unit_test.hpp>

#include <sched.h>
#include <sys/resource.h>

#include <future>
#include <thread>

using namespace std::chrono_literals;

namespace {

struct Priority {
    int policy;
    int nice;
};

Priority current_priority() {
    return {sched_getscheduler(0),
            getpriority(PRIO_PROCESS, static_cast<id_t>(pim::host::current_thread_id()))};
}

// Runs `job` on `pool` and returns what it returned.
template <class Job>
auto run_on(pim::host::WorkerPool &pool, Job job) {
    auto promise = std::make_shared<std::promise<decltype(job())>>();
    auto future = promise->get_future();
    std::function<void()> wrapped = [promise, job] { promise->set_value(job()); };
    BOOST_TEST_REQUIRE(pool.try_submit(wrapped));
    return future.get();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(worker_pool)

// Jobs start under SCHED_IDLE; one still running after boost_after goes on
// at nice 10 under SCHED_OTHER, and the next job starts idle again.
BOOST_AUTO_TEST_CASE(a_long_job_is_raised_to_nice_10_and_the_next_starts_idle) {
    pim::host::WorkerPool pool(1, 4, 200ms);
    BOOST_TEST_REQUIRE(pool.idle_policy(), "these tests run as root or with CAP_SYS_NICE");
    const auto [at_start, later] = run_on(pool, [] {
        const Priority start = current_priority();
        std::this_thread::sleep_for(600ms);
        return std::make_pair(start, current_priority());
    });
    BOOST_TEST(at_start.policy == SCHED_IDLE);
    BOOST_TEST(later.policy == SCHED_OTHER);
    BOOST_TEST(later.nice == 10);
    const Priority next = run_on(pool, [] { return current_priority(); });
    BOOST_TEST(next.policy == SCHED_IDLE);
}

BOOST_AUTO_TEST_CASE(a_short_job_stays_idle) {
    pim::host::WorkerPool pool(2, 4, 1000ms);
    const Priority seen = run_on(pool, [] {
        std::this_thread::sleep_for(50ms);
        return current_priority();
    });
    BOOST_TEST(seen.policy == SCHED_IDLE);
}

BOOST_AUTO_TEST_SUITE_END()
