// Connection monitoring (issue 15): usage recorded write-behind and added up
// by every host on one database, last use, security events, audits, secret
// rotation with a grace period, client_credentials acting as a connection's
// user, dormant clients. Time moves with Sandbox::advance_clock; the only
// sleeps wait for the real-time background flush.
#include "support/api_world.hpp"

#include <boost/test/unit_test.hpp>

#include <signal.h>

#include <atomic>
#include <chrono>
#include <map>
#include <thread>
#include <vector>

using namespace pim::test;

namespace {

// Responses served, by the metric that must count them.
using Tally = std::map<std::string, long long>;

std::string password_body(const std::string &username, const std::string &password) {
    return boost::json::serialize(
        boost::json::object{{"grant_type", "password"}, {"username", username}, {"password", password}});
}

HttpReply post_token(unsigned short port, const std::string &body, const ClientCredentialsPair &client) {
    return http_request(port, "POST", "/api/oauth/v1/token",
                        {{"Content-Type", "application/json"}, {"Authorization", basic(client)}}, body);
}

HttpReply get_currencies(unsigned short port, const std::string &token) {
    return http_request(port, "GET", "/api/rest/v1/currencies", {{"Authorization", "Bearer " + token}});
}

std::string access_token_of(const HttpReply &reply) {
    if (reply.status != 200) return {};
    return std::string(boost::json::parse(reply.body).at("access_token").as_string());
}

// What the hosts stored, summed over clients and hours.
Tally recorded(const Sandbox &sandbox) {
    Tally out;
    for (const auto &row :
         sandbox.open_database()->rows("SELECT metric, SUM(hits) FROM pim_api_usage GROUP BY metric"))
        out[row[0]] = std::stoll(row[1]);
    return out;
}

long long responses(const Tally &tally) {
    long long sum = 0;
    for (const auto &[metric, hits] : tally)
        if (metric.rfind("api.", 0) == 0 || metric.rfind("grant.", 0) == 0) sum += hits;
    return sum;
}

// A bounded mixed load on one host: per round a password grant, a wrong
// password, an API call with a valid token, one with an unknown token, and
// one with a user-less client_credentials token (403). Runs on its own
// thread: returns what it served and every unexpected status, checked later.
struct Load {
    Tally served;
    std::vector<std::string> unexpected;

    void expect(const std::string &metric, const HttpReply &reply, int status) {
        ++served[metric];
        if (reply.status != status) unexpected.push_back(metric + ": " + reply.body);
    }
};

std::string joined(const std::vector<std::string> &lines) {
    std::string out;
    for (const auto &line : lines) out += line + "\n";
    return out;
}

Load mixed_load(const ApiWorld &world, unsigned short port, const ClientCredentialsPair &machine,
                int rounds) {
    Load load;
    for (int i = 0; i < rounds; ++i) {
        const auto granted = post_token(port, password_body(world.username, world.password), world.client);
        load.expect("grant.password.ok", granted, 200);
        load.expect("grant.password.refused",
                    post_token(port, password_body(world.username, "wrong"), world.client), 422);
        load.expect("api.200", get_currencies(port, access_token_of(granted)), 200);
        load.expect("api.401", get_currencies(port, "not-a-token-" + std::to_string(i)), 401);
        const auto machine_grant = post_token(port, R"({"grant_type":"client_credentials"})", machine);
        load.expect("grant.client_credentials.ok", machine_grant, 200);
        load.expect("api.403", get_currencies(port, access_token_of(machine_grant)), 403);
    }
    return load;
}

// The background flush is hourly here: only the shutdown flush can write.
// Throttling off: the load's wrong passwords must not turn into 429s.
const std::string hourly_flush =
    "monitoring:\n  flush_interval_seconds: 3600\noauth:\n  throttling:\n    max_failures: 0\n";
const std::string one_second_flush = "monitoring:\n  flush_interval_seconds: 1\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(connection_monitoring)

BOOST_AUTO_TEST_CASE(two_hosts_add_up_their_counts_exactly_and_sigterm_flushes_the_rest) {
    ApiWorld world(hourly_flush);
    const auto machine = world.create_client("Machine", {"client_credentials"});
    ServerProcess second(world.sandbox);
    Load first, other;
    std::thread first_load([&] { first = mixed_load(world, world.port(), machine, 6); });
    other = mixed_load(world, second.port(), machine, 6);
    first_load.join();
    BOOST_TEST(first.unexpected.empty(), joined(first.unexpected));
    BOOST_TEST(other.unexpected.empty(), joined(other.unexpected));
    BOOST_TEST(recorded(world.sandbox).empty());  // nothing written per call
    BOOST_TEST(world.server->stop() == 0);
    BOOST_TEST(second.stop() == 0);

    Tally served = first.served;
    for (const auto &[metric, hits] : other.served) served[metric] += hits;
    const Tally stored = recorded(world.sandbox);
    for (const auto &[metric, hits] : served) BOOST_TEST(stored.at(metric) == hits, metric);
    BOOST_TEST(responses(stored) == responses(served));
    BOOST_TEST(stored.at("secret.current") == served.at("grant.password.ok") +
                                                  served.at("grant.password.refused") +
                                                  served.at("grant.client_credentials.ok"));

    const auto db = world.sandbox.open_database();
    BOOST_TEST(db->value("SELECT COUNT(*) FROM pim_api_client WHERE last_used_at IS NULL") == "0");
    BOOST_TEST(db->value("SELECT COUNT(*) FROM pim_user WHERE last_used_at IS NOT NULL") == "1");
    // Every password grant started a family; each was used by one API call.
    BOOST_TEST(db->value("SELECT COUNT(*) FROM pim_api_token_family_use") == "12");
}

BOOST_AUTO_TEST_CASE(a_sigkilled_host_loses_at_most_one_flush_interval_of_counts_and_nothing_else) {
    ApiWorld world(one_second_flush);
    const std::string token = std::string(world.password_grant().at("access_token").as_string());
    for (int i = 0; i < 20; ++i) BOOST_TEST(world.get("/api/rest/v1/currencies", token).status == 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));  // two background flushes
    BOOST_TEST(recorded(world.sandbox).at("api.200") == 20);
    for (int i = 0; i < 10; ++i) BOOST_TEST(world.get("/api/rest/v1/currencies", token).status == 200);
    world.server->kill_now();
    const long long kept = recorded(world.sandbox).at("api.200");
    BOOST_TEST((kept >= 20 && kept <= 30), kept);

    // Nothing else is lost: the token issued by the killed host still works.
    ServerProcess next(world.sandbox);
    BOOST_TEST(get_currencies(next.port(), token).status == 200);
    BOOST_TEST(next.stop() == 0);
    BOOST_TEST(recorded(world.sandbox).at("api.200") == kept + 1);
}

BOOST_AUTO_TEST_SUITE_END()
