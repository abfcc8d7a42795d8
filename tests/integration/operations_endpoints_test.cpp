// What load balancers and clients discover without credentials: GET
// /healthz, GET /readyz (503 with a reason while the schema is not the one
// the plugin needs) and GET /.well-known/oauth-authorization-server (RFC
// 8414) from oauth.issuer.
#include "support/api_world.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

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
        R"({"status":"unavailable","reason":"The database schema is at version 999, this plugin needs version 4."})");
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

BOOST_AUTO_TEST_SUITE_END()
