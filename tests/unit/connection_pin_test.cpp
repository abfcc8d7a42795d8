// ConnectionPool::Pin: all of one request's statements on one connection,
// and on SQLite one such connection for every request, taken in turn.
#include "storage/connection_pool.hpp"
#include "storage_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <thread>

namespace {

struct CountingEvents final : pim::PoolEvents {
    std::atomic<int> failures{0}, reconnects{0};
    void waited_for_connection() noexcept override {}
    void connection_failed() noexcept override { ++failures; }
    void reconnected() noexcept override { ++reconnects; }
    void waited_for_pinned_connection() noexcept override {}
};

}  // namespace

BOOST_AUTO_TEST_SUITE(connection_pin)

BOOST_FIXTURE_TEST_CASE(leases_under_a_pin_share_its_connection, SqliteFixture) {
    pim::ConnectionPool pool(url, 2000, 1);
    const auto pin = pool.pin();
    auto outer = pool.acquire();
    auto inner = pool.acquire();  // a pool of one: without the pin this would wait forever
    BOOST_TEST(&outer.db() == &inner.db());
}

BOOST_FIXTURE_TEST_CASE(on_sqlite_the_pins_of_two_threads_take_one_connection_in_turn, SqliteFixture) {
    pim::ConnectionPool pool(url, 2000, 4);
    std::atomic<bool> second_pinned{false};
    const pim::Database *first_db = nullptr;
    const pim::Database *second_db = nullptr;
    std::thread second;
    {
        auto pin = pool.pin();
        first_db = &pool.acquire().db();
        second = std::thread([&] {
            const auto other = pool.pin();
            second_pinned = true;
            second_db = &pool.acquire().db();
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        BOOST_TEST(!second_pinned);  // waits for the first request's statements
        pin.release();
        second.join();
    }
    BOOST_TEST(second_pinned);
    BOOST_TEST(first_db == second_db);
    auto unpinned = pool.acquire();
    BOOST_TEST(&unpinned.db() != first_db);  // the pool's own connections serve the rest
}

BOOST_FIXTURE_TEST_CASE(a_connection_discarded_under_a_pin_is_closed_when_the_pin_goes, SqliteFixture) {
    CountingEvents events;
    pim::ConnectionPool pool(url, 2000, 1, &events);
    {
        const auto pin = pool.pin();
        pool.acquire().discard();
        BOOST_TEST(events.failures == 0);  // still the pin's for this request
    }
    BOOST_TEST(events.failures == 1);
    const auto pin = pool.pin();
    BOOST_TEST(events.reconnects == 1);
}

BOOST_AUTO_TEST_SUITE_END()
