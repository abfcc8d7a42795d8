// What load balancers and clients discover without credentials: GET
// /healthz, GET /readyz (503 with a reason while the schema is not the one
// the plugin needs) and GET /.well-known/oauth-authorization-server (RFC
// 8414) from oauth.issuer; the request log (health checks left out,
// server.log_format: json).
#include "support/api_world.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace pim::test;

namespace {

const std::string metadata_path = "/.well-known/oauth-authorization-server";

boost::json::object json_of(const HttpReply &reply) {
    return boost::json::parse(reply.body).as_object();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(operations_endpoints)

BOOST_AUTO_TEST_CASE(health_checks_answer_without_credentials) {
    const ApiWorld world;
    const auto alive = http_request(world.port(), "GET", "/healthz");
    BOOST_TEST(alive.status == 200, alive.body);
    BOOST_TEST(alive.body == R"({"status":"ok"})");
    BOOST_TEST(alive.header("cache-control") == "no-store");
    const auto ready = http_request(world.port(), "GET", "/readyz");
    BOOST_TEST(ready.status == 200, ready.body);
    BOOST_TEST(ready.body == R"({"status":"ready"})");
    BOOST_TEST(http_request(world.port(), "POST", "/readyz").status == 405);
}

BOOST_AUTO_TEST_CASE(readiness_fails_with_a_reason_while_the_schema_is_not_current) {
    const ApiWorld world;
    world.sandbox.open_database()->execute(
        "INSERT INTO pim_schema_migration (version, name, applied_at) VALUES (999, 'future', 0)");
    const auto ready = http_request(world.port(), "GET", "/readyz");
    BOOST_TEST(ready.status == 503, ready.body);
    BOOST_TEST(
        ready.body ==
        R"({"status":"unavailable","reason":"The database schema is at version 999, this plugin needs version 6."})");
    BOOST_TEST(http_request(world.port(), "GET", "/healthz").status == 200);
    world.sandbox.open_database()->execute("DELETE FROM pim_schema_migration WHERE version = 999");
    BOOST_TEST(http_request(world.port(), "GET", "/readyz").status == 200);
}

BOOST_AUTO_TEST_CASE(metadata_names_only_what_this_server_offers) {
    const ApiWorld world("oauth:\n  issuer: https://pim.example.com\n");
    const auto reply = http_request(world.port(), "GET", metadata_path);
    BOOST_TEST_REQUIRE(reply.status == 200, reply.body);
    BOOST_TEST(reply.header("content-type") == "application/json");
    BOOST_TEST(
        reply.body ==
        R"({"issuer":"https://pim.example.com","token_endpoint":"https://pim.example.com/api/oauth/v1/token",)"
        R"("token_endpoint_auth_methods_supported":["client_secret_basic","client_secret_post"],)"
        R"("grant_types_supported":["password","refresh_token","client_credentials"],"response_types_supported":[],)"
        R"("revocation_endpoint":"https://pim.example.com/api/oauth/v1/revoke",)"
        R"("revocation_endpoint_auth_methods_supported":["client_secret_basic","client_secret_post"],)"
        R"("introspection_endpoint":"https://pim.example.com/api/oauth/v1/introspect",)"
        R"("introspection_endpoint_auth_methods_supported":["client_secret_basic","client_secret_post"]})");
    BOOST_TEST(http_request(world.port(), "POST", metadata_path).status == 405);
}

BOOST_AUTO_TEST_CASE(metadata_needs_an_issuer) {
    const ApiWorld world;
    const auto reply = http_request(world.port(), "GET", metadata_path);
    BOOST_TEST(reply.status == 404, reply.body);
    BOOST_TEST(json_of(reply).at("message").as_string() ==
               "No authorization server metadata: oauth.issuer is not configured.");
}

BOOST_AUTO_TEST_CASE(an_issuer_with_a_query_is_refused_at_start) {
    Sandbox sandbox;
    sandbox.write_config("dev", sandbox_dev_yaml() + "oauth:\n  issuer: https://pim.example.com/?a=b\n");
    const auto result = sandbox.run({"list"});
    BOOST_TEST(result.exit_code == 1);
    BOOST_TEST(
        result.err.find("oauth.issuer must be an http(s) URL without query, fragment or trailing '/', got "
                        "\"https://pim.example.com/?a=b\". Fix the value.") != std::string::npos,
        result.err);
}

BOOST_AUTO_TEST_CASE(health_checks_are_not_in_the_request_log) {
    const ApiWorld world;
    BOOST_TEST(http_request(world.port(), "GET", "/healthz").status == 200);
    BOOST_TEST(http_request(world.port(), "GET", "/readyz").status == 200);
    BOOST_TEST(http_request(world.port(), "GET", "/api/rest/v1/currencies").status == 401);
    world.server->stop();
    const std::string log = world.server->output();
    BOOST_TEST(log.find("\"GET /api/rest/v1/currencies\" 401") != std::string::npos, log);
    BOOST_TEST(log.find("/healthz") == std::string::npos, log);
    BOOST_TEST(log.find("/readyz") == std::string::npos, log);
}

BOOST_AUTO_TEST_CASE(the_request_log_as_json_lines_keeps_tokens_masked) {
    const ApiWorld world("server:\n  log_format: json\n");
    const auto tokens = world.password_grant();
    const std::string access(tokens.at("access_token").as_string());
    BOOST_TEST(world.get("/api/rest/v1/currencies?access_token=" + access, access).status == 200);
    world.server->stop();
    std::vector<boost::json::object> lines;
    std::istringstream output(world.server->output());
    for (std::string line; std::getline(output, line);)
        if (!line.empty() && line.front() == '{') lines.push_back(boost::json::parse(line).as_object());
    BOOST_TEST_REQUIRE(lines.size() == 2U, world.server->output());
    BOOST_TEST(lines[0].at("method").as_string() == "POST");
    BOOST_TEST(lines[0].at("target").as_string() == "/api/oauth/v1/token");
    BOOST_TEST(lines[0].at("status").as_int64() == 200);
    BOOST_TEST(lines[0].at("client").is_null());
    const auto &call = lines[1];
    BOOST_TEST(call.at("target").as_string() == "/api/rest/v1/currencies?access_token=***");
    BOOST_TEST(call.at("status").as_int64() == 200);
    BOOST_TEST(call.at("client").as_string() == world.client.id);
    BOOST_TEST(call.at("user").as_string() == world.username);
    BOOST_TEST(call.at("remote").as_string().starts_with("127.0.0.1:"));
    BOOST_TEST(call.at("time").as_string().size() > 0U);
    BOOST_TEST(call.at("duration_ms").is_number());
    BOOST_TEST(world.server->output().find(access) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_unknown_log_format_is_refused_at_start) {
    Sandbox sandbox;
    sandbox.write_config("dev", sandbox_dev_yaml() + "server:\n  log_format: xml\n");
    const auto result = sandbox.run({"serve", "--listen=127.0.0.1:0"});
    BOOST_TEST(result.exit_code == 1);
    BOOST_TEST(result.err.find("server.log_format must be text or json, got \"xml\". Fix the value.") !=
                   std::string::npos,
               result.err);
}

// server.log_flush_ms batches the request log; a SIGTERM still writes every
// line, and a SIGKILL loses what the interval had not written yet.
BOOST_AUTO_TEST_CASE(a_buffered_request_log_loses_no_line_on_sigterm) {
    const ApiWorld world("server:\n  log_flush_ms: 60000\n");
    const auto logged_calls = [&] {
        const std::string log = world.server->output();
        std::size_t count = 0;
        for (auto at = log.find("GET /api/rest/v1/currencies\" 401"); at != std::string::npos;
             at = log.find("GET /api/rest/v1/currencies\" 401", at + 1))
            ++count;
        return count;
    };
    for (int i = 0; i < 20; ++i)
        BOOST_TEST(http_request(world.port(), "GET", "/api/rest/v1/currencies").status == 401);
    BOOST_TEST(logged_calls() == 0U, "lines are written in batches, not one by one");
    BOOST_TEST(world.server->stop() == 0);
    BOOST_TEST(logged_calls() == 20U, world.server->output());
}

BOOST_AUTO_TEST_CASE(an_unbuffered_request_log_writes_each_line_at_once) {
    const ApiWorld world("server:\n  log_flush_ms: 0\n");
    BOOST_TEST(http_request(world.port(), "GET", "/api/rest/v1/currencies").status == 401);
    // The line follows the response by microseconds: no flush interval to wait for.
    bool logged = false;
    for (int attempt = 0; attempt < 100 && !logged; ++attempt) {
        logged = world.server->output().find("GET /api/rest/v1/currencies\" 401") != std::string::npos;
        if (!logged) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    BOOST_TEST(logged, world.server->output());
}

BOOST_AUTO_TEST_SUITE_END()
