// What the connection pool reports for metrics (PoolEvents): a lease that
// had to wait for a connection, counted once however long it waits.
#include "storage/connection_pool.hpp"
#include "storage_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <thread>

namespace {

struct CountingEvents final : pim::PoolEvents {
    std::atomic<int> waits{0}, failures{0}, reconnects{0};
    void waited_for_connection() noexcept override { ++waits; }
    void connection_failed() noexcept override { ++failures; }
    void reconnected() noexcept override { ++reconnects; }
    void waited_for_pinned_connection() noexcept override { ++pinned_waits; }
    std::atomic<int> pinned_waits{0};
};

// Holds what `hold` returns while another thread runs `take`: the take must
// wait (reported once in `waits`, not by the hold itself) and go through once
// the hold ends. Whether it went through.
template <class Hold, class Take>
bool waits_while_held(Hold hold, Take take, const std::atomic<int> &waits) {
    std::atomic<bool> taken{false};
    std::thread waiter;
    {
        const auto held = hold();
        BOOST_TEST(waits == 0);
        waiter = std::thread([&] {
            take();
            taken = true;
        });
        for (int i = 0; i < 200 && waits == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        BOOST_TEST(!taken);
    }  // the hold ends: the waiter gets the connection
    waiter.join();
    return taken;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pool_events)

BOOST_FIXTURE_TEST_CASE(a_lease_that_waits_for_a_connection_is_reported_once, SqliteFixture) {
    CountingEvents events;
    pim::ConnectionPool pool(url, 2000, 1, &events);
    BOOST_TEST(waits_while_held([&] { return pool.acquire(); }, [&] { (void)pool.acquire(); }, events.waits));
    BOOST_TEST(events.waits == 1);
    BOOST_TEST(events.failures == 0);
}

BOOST_FIXTURE_TEST_CASE(a_discarded_connection_is_a_failure_and_its_reopening_a_reconnect, SqliteFixture) {
    CountingEvents events;
    pim::ConnectionPool pool(url, 2000, 1, &events);
    pool.acquire().discard();
    BOOST_TEST(events.failures == 1);
    BOOST_TEST(events.reconnects == 0);
    (void)pool.acquire();
    BOOST_TEST(events.reconnects == 1);
    (void)pool.acquire();
    BOOST_TEST(events.reconnects == 1);  // still open: no new connection
}

// On SQLite token requests take one connection in turn: waiting for it is
// counted apart from waits for the pool (raising its size would not help).
BOOST_FIXTURE_TEST_CASE(a_pin_that_waits_for_the_sqlite_connection_is_reported_apart, SqliteFixture) {
    CountingEvents events;
    pim::ConnectionPool pool(url, 2000, 4, &events);
    BOOST_TEST(waits_while_held([&] { return pool.pin(); }, [&] { (void)pool.pin(); }, events.pinned_waits));
    BOOST_TEST(events.pinned_waits == 1);
    BOOST_TEST(events.waits == 0);
    { const auto alone = pool.pin(); }
    BOOST_TEST(events.pinned_waits == 1);  // a free connection: no wait
}

BOOST_AUTO_TEST_SUITE_END()
