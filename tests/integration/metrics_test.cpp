// GET /metrics of `pim-host serve` (Prometheus text format): the host's
// series (requests by route and status, in flight) and the plugin's,
// reported through the ABI 1.3 metric services (token requests by grant
// type and outcome, bearer checks by outcome, latencies, 429s); where it is
// served (dev: the main listener; server.metrics_listen: its own address
// only; prod: off unless it has one); and that no username, client id,
// secret or token ever reaches it. tests/metrics/check_metrics.py runs the
// real promtool and Prometheus against it.
#include "support/api_world.hpp"

#include <boost/test/unit_test.hpp>

#include <regex>
#include <sstream>
#include <string>

using namespace pim::test;

namespace {

std::string scrape(unsigned short port) {
    const auto reply = http_request(port, "GET", "/metrics");
    BOOST_TEST_REQUIRE(reply.status == 200, reply.body);
    BOOST_TEST(reply.header("content-type") == "text/plain; version=0.0.4; charset=utf-8");
    BOOST_TEST(reply.header("cache-control") == "no-store");
    return reply.body;
}

// The value of one sample ("name{labels}" exactly as exposed); -1 when absent.
double sample(const std::string &exposition, const std::string &series) {
    std::istringstream lines(exposition);
    std::string line;
    while (std::getline(lines, line))
        if (line.rfind(series + " ", 0) == 0) return std::stod(line.substr(series.size() + 1));
    return -1;
}

HttpReply password_grant(const ApiWorld &world, const std::string &password) {
    return world.post_token(R"({"grant_type":"password","username":")" + world.username +
                            R"(","password":")" + password + R"(","client_id":")" + world.client.id +
                            R"(","client_secret":")" + world.client.secret + "\"}");
}

// The port of "Metrics on http://127.0.0.1:PORT/metrics" in serve's output.
unsigned short metrics_port(const ServerProcess &server) {
    std::smatch match;
    const std::string output = server.output();
    BOOST_TEST_REQUIRE(
        std::regex_search(output, match, std::regex(R"(Metrics on http://127\.0\.0\.1:(\d+)/metrics)")),
        output);
    return static_cast<unsigned short>(std::stoi(match[1]));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(metrics)

BOOST_AUTO_TEST_CASE(a_mixed_load_is_counted_by_route_grant_and_outcome) {
    const ApiWorld world;
    const auto granted = password_grant(world, world.password);
    BOOST_TEST_REQUIRE(granted.status == 200, granted.body);
    const std::string token(boost::json::parse(granted.body).at("access_token").as_string());
    BOOST_TEST(password_grant(world, "wrong password").status == 422);
    BOOST_TEST(
        world.post_token(R"({"grant_type":"password"})", {{"Authorization", basic(world.client)}}).status ==
        422);  // no username: step 4.1
    BOOST_TEST(world.post_token("{").status == 400);
    BOOST_TEST(world.get("/api/rest/v1/currencies", token).status == 200);
    BOOST_TEST(world.get("/api/rest/v1/currencies", token).status == 200);
    BOOST_TEST(world.get("/api/rest/v1/currencies", "not-a-token").status == 401);
    BOOST_TEST(world.get("/api/rest/v1/channels", token).status == 403);  // no pim_api_channel_list
    BOOST_TEST(http_request(world.port(), "GET", "/nowhere").status == 404);

    const std::string text = scrape(world.port());
    BOOST_TEST(sample(text, R"(pim_oauth_token_requests_total{grant_type="password",outcome="ok"})") == 1);
    BOOST_TEST(
        sample(text, R"(pim_oauth_token_requests_total{grant_type="password",outcome="invalid_grant"})") ==
        1);
    BOOST_TEST(
        sample(text, R"(pim_oauth_token_requests_total{grant_type="password",outcome="invalid_request"})") ==
        1);
    BOOST_TEST(sample(text, R"(pim_oauth_token_requests_total{grant_type="none",outcome="bad_request"})") ==
               1);
    BOOST_TEST(sample(text, R"(pim_oauth_token_request_duration_seconds_count{grant_type="password"})") == 3);
    BOOST_TEST(sample(text, R"(pim_oauth_bearer_checks_total{outcome="200"})") == 2);
    BOOST_TEST(sample(text, R"(pim_oauth_bearer_checks_total{outcome="401"})") == 1);
    BOOST_TEST(sample(text, R"(pim_oauth_bearer_checks_total{outcome="403"})") == 1);
    BOOST_TEST(sample(text, R"(pim_oauth_bearer_checks_total{outcome="503"})") == 0);
    BOOST_TEST(sample(text, "pim_oauth_bearer_check_duration_seconds_count") == 4);
    BOOST_TEST(sample(text, R"(pim_oauth_bearer_check_duration_seconds_bucket{le="+Inf"})") == 4);
    BOOST_TEST(sample(text, "pim_oauth_bearer_check_duration_seconds_sum") > 0);
    BOOST_TEST(sample(text, R"(pim_host_http_requests_total{route="/api/oauth/v1/token",status="200"})") ==
               1);
    BOOST_TEST(sample(text, R"(pim_host_http_requests_total{route="/api/oauth/v1/token",status="422"})") ==
               2);
    BOOST_TEST(sample(text, R"(pim_host_http_requests_total{route="api",status="200"})") == 2);
    BOOST_TEST(sample(text, R"(pim_host_http_requests_total{route="not_found",status="404"})") == 1);
    BOOST_TEST(sample(text, "pim_host_http_requests_in_flight") == 1);  // this scrape
    BOOST_TEST(sample(text, "pim_oauth_database_errors_total") == 0);
    BOOST_TEST(sample(text, "pim_oauth_pool_waits_total") >= 0);
    BOOST_TEST(sample(text, "pim_oauth_token_connection_waits_total") >= 0);
    // The scrape before this one is counted under its registered path.
    BOOST_TEST(
        sample(scrape(world.port()), R"(pim_host_http_requests_total{route="/metrics",status="200"})") == 1);
}

BOOST_AUTO_TEST_CASE(throttled_requests_are_counted_by_endpoint) {
    const ApiWorld world("oauth:\n  throttling:\n    max_failures: 2\n");
    const std::string wrong_secret =
        R"({"grant_type":"password","username":"u","password":"p","client_id":")" + world.client.id +
        R"(","client_secret":"wrong"})";
    for (int i = 0; i < 3; ++i) world.post_token(wrong_secret);
    const std::string text = scrape(world.port());
    BOOST_TEST(
        sample(text, R"(pim_oauth_token_requests_total{grant_type="password",outcome="invalid_client"})") ==
        2);
    BOOST_TEST(sample(text, R"(pim_oauth_token_requests_total{grant_type="password",outcome="throttled"})") ==
               1);
    BOOST_TEST(sample(text, R"(pim_oauth_throttled_requests_total{endpoint="token"})") == 1);
    BOOST_TEST(sample(text, R"(pim_oauth_throttled_requests_total{endpoint="revoke"})") == 0);
    BOOST_TEST(sample(text, R"(pim_host_http_requests_total{route="/api/oauth/v1/token",status="429"})") ==
               1);
}

// Usernames, client ids, secrets and tokens in paths, queries and bodies:
// none of them reaches a label (routes are registered paths or fixed names).
BOOST_AUTO_TEST_CASE(no_username_client_id_secret_or_token_appears_in_metrics) {
    const ApiWorld world("oauth:\n  allow_access_token_query_parameter: true\n");
    const auto document = world.password_grant();
    const std::string access(document.at("access_token").as_string());
    const std::string refresh(document.at("refresh_token").as_string());
    http_request(world.port(), "GET", "/api/rest/v1/currencies?access_token=" + access);
    world.get("/api/rest/v1/" + world.username + "/" + access, access);
    http_request(world.port(), "GET", "/" + world.client.id + "/" + refresh);
    http_request(world.port(), "GET", "/metrics/" + world.client.secret);
    password_grant(world, world.password + "x");
    world.refresh(refresh, world.client);
    world.post_token(R"({"grant_type":")" + world.username + R"("})");

    const std::string text = scrape(world.port());
    BOOST_TEST(text.find("pim_oauth_token_requests_total") != std::string::npos);
    for (const std::string &secret : {world.username, std::string("myerpuser"), world.client.id,
                                      world.client.secret, world.password, access, refresh})
        BOOST_TEST(text.find(secret) == std::string::npos, "found in /metrics: " << secret);
    const std::string id_number = world.client.id.substr(0, world.client.id.find('_') + 1);
    BOOST_TEST(text.find("route=\"/" + id_number) == std::string::npos);
    BOOST_TEST(
        sample(text, R"(pim_oauth_token_requests_total{grant_type="other",outcome="invalid_request"})") == 1);
}

BOOST_AUTO_TEST_CASE(metrics_listen_serves_metrics_alone_on_its_own_address) {
    const ApiWorld world("server:\n  metrics_listen: 127.0.0.1:0\n");
    const unsigned short port = metrics_port(*world.server);
    BOOST_TEST(port != world.port());
    BOOST_TEST(http_request(world.port(), "GET", "/metrics").status == 404);
    BOOST_TEST(http_request(port, "GET", "/healthz").status == 404);
    BOOST_TEST(http_request(port, "GET", "/api/oauth/v1/token").status == 404);
    BOOST_TEST(http_request(port, "GET", "/nowhere").status == 404);
    const auto post = http_request(port, "POST", "/metrics");  // GET and HEAD only
    BOOST_TEST(post.status == 405);
    BOOST_TEST(post.header("allow") == "GET, HEAD");
    BOOST_TEST(post.body == R"json({"code":405,"message":"No route found for \"POST /metrics\": )json"
                            R"json(Method Not Allowed (Allow: GET, HEAD)"})json");
    const std::string text = scrape(port);
    BOOST_TEST(sample(text, R"(pim_host_http_requests_total{route="not_found",status="404"})") == 1);
    BOOST_TEST(sample(text, R"(pim_host_http_requests_total{route="/healthz",status="404"})") == 1);
}

BOOST_AUTO_TEST_CASE(dev_can_turn_metrics_off_and_the_plugin_works_without_them) {
    const ApiWorld world("server:\n  metrics: false\n");
    BOOST_TEST(http_request(world.port(), "GET", "/metrics").status == 404);
    const auto document = world.password_grant();
    BOOST_TEST(
        world.get("/api/rest/v1/currencies", std::string(document.at("access_token").as_string())).status ==
        200);
}

BOOST_AUTO_TEST_CASE(prod_serves_metrics_only_on_an_address_of_their_own) {
    Sandbox sandbox;
    const std::map<std::string, std::string> key{{"PIM_SECRET_KEY", test_secret_key}};
    ProcessOptions options;
    options.set_env = key;
    BOOST_TEST_REQUIRE(sandbox.run({"pim:db:migrate", "--env=prod"}, options).exit_code == 0);
    {
        const ServerProcess server(sandbox, key, {"--env=prod"});
        BOOST_TEST(http_request(server.port(), "GET", "/metrics").status == 404);  // off by default
        BOOST_TEST(http_request(server.port(), "GET", "/healthz").status == 200);
    }
    sandbox.write_config("prod", sandbox_prod_yaml() + "server:\n  metrics: true\n");
    const auto refused = sandbox.run({"serve", "--env=prod"}, options);
    BOOST_TEST(refused.exit_code == 1);
    BOOST_TEST(
        refused.err.find("prod.yaml:10: server.metrics in the prod environment needs server.metrics_listen "
                         "(e.g. 127.0.0.1:9464): /metrics is not served on the main listener outside "
                         "dev.") != std::string::npos,
        refused.err);

    sandbox.write_config("prod", sandbox_prod_yaml() + "server:\n  metrics_listen: 127.0.0.1:0\n");
    const ServerProcess server(sandbox, key, {"--env=prod"});
    BOOST_TEST(http_request(server.port(), "GET", "/metrics").status == 404);
    const std::string text = scrape(metrics_port(server));
    BOOST_TEST(text.find("pim_oauth_bearer_checks_total") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(metric_settings_are_checked_with_their_location) {
    Sandbox sandbox;
    const auto error_of = [&](const std::string &server_yaml) {
        sandbox.write_config("dev", sandbox_dev_yaml() + "server:\n" + server_yaml);
        const auto result = sandbox.run({"serve"});
        BOOST_TEST(result.exit_code == 1);
        return result.err;
    };
    BOOST_TEST(error_of("  metrics: yes\n")
                   .find("dev.yaml:11: server.metrics must be true or false, got "
                         "\"yes\". Fix the value.") != std::string::npos);
    BOOST_TEST(error_of("  metrics_listen: nowhere\n")
                   .find("dev.yaml:11: server.metrics_listen: Invalid listen address \"nowhere\"") !=
               std::string::npos);
    BOOST_TEST(
        error_of("  metrics: false\n  metrics_listen: 127.0.0.1:9464\n")
            .find("dev.yaml:12: server.metrics_listen is set but server.metrics is false. Remove one of "
                  "them.") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
