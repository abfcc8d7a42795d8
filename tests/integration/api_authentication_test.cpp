// The bearer check on /api/rest/v1/... (api-authentication.md): 401 / 403 /
// 406 / 400 answers, and what an existing token sees after each event made
// by another process (§5).
#include "support/api_world.hpp"

#include <boost/test/unit_test.hpp>

#include <thread>

using namespace pim::test;

namespace {

std::string error_body(int code, const std::string &message) {
    return boost::json::serialize(boost::json::object{{"code", code}, {"message", message}});
}

const std::string invalid = error_body(401, "The access token provided is invalid.");
const std::string no_overall = error_body(403, "You are not allowed to access the web API.");

void expect_challenge(const HttpReply &reply, const std::string &description) {
    BOOST_TEST(reply.status == 401);
    BOOST_TEST(reply.body == R"({"error":"access_denied","error_description":")" + description + "\"}");
    BOOST_TEST(reply.header("www-authenticate") ==
               "Bearer realm=\"Service\", error=\"access_denied\", error_description=\"" + description +
                   "\"");
    BOOST_TEST(reply.header("cache-control") == "no-store");
    BOOST_TEST(reply.header("pragma") == "no-cache");
}

std::string access_token(const ApiWorld &world) {
    return std::string(world.password_grant().at("access_token").as_string());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(api_authentication)

BOOST_AUTO_TEST_CASE(missing_invalid_and_forbidden) {
    ApiWorld world;
    const unsigned short port = world.port();
    BOOST_TEST(http_request(port, "GET", "/api/rest/v1").status == 200);  // the endpoint list needs no token
    for (const Headers &headers : std::vector<Headers>{{},
                                                       {{"Authorization", ""}},
                                                       {{"Authorization", "Basic " + base64("a:b")}},
                                                       {{"Authorization", "Bearer"}},
                                                       {{"Authorization", "Bearer   "}}})
        expect_challenge(http_request(world.port(), "GET", "/api/rest/v1/currencies", headers),
                         "OAuth2 authentication required");
    auto reply = world.get("/api/rest/v1/currencies", "not-a-token");
    BOOST_TEST(reply.status == 401);
    BOOST_TEST(reply.body == invalid);
    BOOST_TEST(!reply.has_header("www-authenticate"));

    const std::string token = access_token(world);
    // Scheme case-insensitive, extra spaces tolerated.
    reply = http_request(world.port(), "GET", "/api/rest/v1/currencies",
                         {{"Authorization", "bEaReR   " + token + "  "}});
    BOOST_TEST(reply.status == 200);
    BOOST_TEST(boost::json::parse(reply.body).at("_embedded").at("items").as_array().size() == 3U);
    BOOST_TEST(world.get("/api/rest/v1/currencies/EUR", token).status == 200);
    BOOST_TEST(world.get("/api/rest/v1/products", token).status == 200);  // overall access covers products
    reply = world.get("/api/rest/v1/channels", token);
    BOOST_TEST(reply.status == 403);
    BOOST_TEST(reply.body == error_body(403, "Access forbidden. You are not allowed to list channels."));
    reply = http_request(world.port(), "POST", "/api/rest/v1/association-types",
                         {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}},
                         R"({"code":"PACK"})");
    BOOST_TEST(reply.status == 403);
    BOOST_TEST(
        reply.body ==
        error_body(403, "Access forbidden. You are not allowed to create or update association types."));
    reply = http_request(world.port(), "PATCH", "/api/rest/v1/currencies/EUR",
                         {{"Authorization", "Bearer " + token}}, "{}");
    BOOST_TEST(reply.status == 405);
    BOOST_TEST(reply.header("allow") == "GET");
    reply = world.get("/api/rest/v1/nothing-here", token);
    BOOST_TEST(reply.status == 404);
    BOOST_TEST(reply.body == error_body(404, "No route found for \"GET /api/rest/v1/nothing-here\""));
    // Unauthenticated callers learn nothing about paths.
    BOOST_TEST(http_request(world.port(), "GET", "/api/rest/v1/nothing-here").status == 401);
}

BOOST_AUTO_TEST_CASE(accept_header_rule_406_after_authentication) {
    ApiWorld world;
    const std::string token = access_token(world);
    auto reply = world.get("/api/rest/v1/currencies", token, {{"Accept", "text/html"}});
    BOOST_TEST(reply.status == 406);
    BOOST_TEST(
        reply.body ==
        error_body(406,
                   "\"text/html\" in \"Accept\" header is not valid. Only \"application/json\" is allowed."));
    BOOST_TEST(
        world.get("/api/rest/v1/currencies", token, {{"Accept", "Application/JSON; charset=utf-8"}}).status ==
        200);
    BOOST_TEST(world.get("/api/rest/v1/currencies", token, {{"Accept", "text/html, */*;q=0.1"}}).status ==
               200);
    BOOST_TEST(
        http_request(world.port(), "GET", "/api/rest/v1/currencies", {{"Accept", "text/html"}}).status ==
        401);
}

BOOST_AUTO_TEST_CASE(query_parameter_tokens_only_when_enabled) {
    ApiWorld world;
    const std::string token = access_token(world);
    expect_challenge(http_request(world.port(), "GET", "/api/rest/v1/currencies?access_token=" + token),
                     "OAuth2 authentication required");
    BOOST_TEST(world.get("/api/rest/v1/currencies?access_token=" + token, token).status == 200);

    ApiWorld open("oauth:\n  allow_access_token_query_parameter: true\n");
    const std::string open_token = access_token(open);
    BOOST_TEST(
        http_request(open.port(), "GET", "/api/rest/v1/currencies?access_token=" + open_token).status == 200);
    const auto both = open.get("/api/rest/v1/currencies?access_token=" + open_token, open_token);
    BOOST_TEST(both.status == 400);
    BOOST_TEST(both.body == error_body(400, "Only one method may be used to authenticate at a time."));
}

BOOST_AUTO_TEST_CASE(expired_tokens) {
    ApiWorld world("oauth:\n  access_token_lifetime: 60\n");
    const std::string token = access_token(world);
    world.sandbox.advance_clock(59);  // expired only once now > expires_at
    BOOST_TEST(world.get("/api/rest/v1/currencies", token).status == 200);
    world.sandbox.advance_clock(2);
    const auto reply = world.get("/api/rest/v1/currencies", token);
    BOOST_TEST(reply.status == 401);
    BOOST_TEST(reply.body == error_body(401, "The access token provided has expired."));
}

BOOST_AUTO_TEST_CASE(events_from_another_process_apply_on_the_next_call) {
    ApiWorld world;
    std::string token = access_token(world);
    const auto api = [&] { return world.get("/api/rest/v1/currencies", token); };

    world.host({"pim:role:deny", "ROLE_MY_ERP_CONNECTOR_ROLE", "pim_api_currency_list"});
    BOOST_TEST(api().status == 403);
    world.host({"pim:role:grant", "ROLE_MY_ERP_CONNECTOR_ROLE", "pim_api_currency_list"});
    BOOST_TEST(api().status == 200);

    world.host({"hook", "user.update", R"({"username":"myERPuser","enabled":false})"});
    expect_challenge(api(), "User account is disabled.");
    world.host({"hook", "user.update", R"({"username":"myERPuser","enabled":true})"});
    BOOST_TEST(api().status == 200);

    world.host({"hook", "user.update", R"({"username":"myERPuser","roles":["ROLE_USER"]})"});
    auto reply = api();
    BOOST_TEST(reply.status == 403);
    BOOST_TEST(reply.body == no_overall);
    world.host({"hook", "user.update", R"({"username":"myERPuser","roles":["ROLE_MY_ERP_CONNECTOR_ROLE"]})"});
    BOOST_TEST(api().status == 200);

    world.host({"hook", "role.delete", R"({"code":"ROLE_MY_ERP_CONNECTOR_ROLE"})"});
    BOOST_TEST(api().status == 403);
    world.host(
        {"hook", "role.create",
         R"({"label":"My ERP connector role","permissions":["pim_api_overall_access","pim_api_currency_list"],"users":["myERPuser"]})"});
    BOOST_TEST(api().status == 200);

    world.host({"hook", "user.update", R"({"username":"myERPuser","password":"aNewPassword1"})"});
    reply = api();
    BOOST_TEST(reply.status == 401);
    BOOST_TEST(reply.body == invalid);
}

BOOST_AUTO_TEST_CASE(revocation_and_secret_regeneration_kill_tokens_at_once) {
    ApiWorld world;
    const std::string token = access_token(world);
    const std::string refresh(world.password_grant().at("refresh_token").as_string());
    world.host({"pim:oauth-server:regenerate-secret", world.client.id, "-n"});
    BOOST_TEST(world.get("/api/rest/v1/currencies", token).body == invalid);
    BOOST_TEST(world.refresh(refresh, world.client).status == 422);  // the old secret is refused too

    const auto other = world.create_client("Other");
    const auto grant =
        world.post_token(R"({"grant_type":"password","username":"myERPuser","password":"myERPuserPassword"})",
                         {{"Authorization", basic(other)}});
    const std::string other_token(boost::json::parse(grant.body).at("access_token").as_string());
    BOOST_TEST(world.get("/api/rest/v1/currencies", other_token).status == 200);
    world.host({"pim:oauth-server:revoke-client", "-n", other.id});
    BOOST_TEST(world.get("/api/rest/v1/currencies", other_token).body == invalid);

    const auto third = world.create_client("Third");
    const auto again =
        world.post_token(R"({"grant_type":"password","username":"myERPuser","password":"myERPuserPassword"})",
                         {{"Authorization", basic(third)}});
    const std::string third_token(boost::json::parse(again.body).at("access_token").as_string());
    world.host({"hook", "user.delete", R"({"username":"myERPuser"})"});
    BOOST_TEST(world.get("/api/rest/v1/currencies", third_token).body == invalid);
}

BOOST_AUTO_TEST_CASE(sample_catalog_create_and_update_with_edit_rights) {
    ApiWorld world;
    world.host(
        {"pim:role:grant", "ROLE_MY_ERP_CONNECTOR_ROLE", "pim_api_channel_list", "pim_api_channel_edit"});
    const std::string token = access_token(world);
    const Headers json{{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}};
    auto reply = http_request(world.port(), "POST", "/api/rest/v1/channels", json, R"({"code":"b2b"})");
    BOOST_TEST(reply.status == 201);
    BOOST_TEST(reply.header("location") == "/api/rest/v1/channels/b2b");
    reply = http_request(world.port(), "PATCH", "/api/rest/v1/channels/b2b", json,
                         R"({"labels":{"en_US":"B2B"}})");
    BOOST_TEST(reply.status == 204);
    reply = world.get("/api/rest/v1/channels/b2b", token);
    BOOST_TEST(boost::json::parse(reply.body).at("labels").at("en_US").as_string() == "B2B");
    reply = http_request(world.port(), "POST", "/api/rest/v1/products", json, R"({"identifier":"sku-2001"})");
    BOOST_TEST(reply.status == 201);
}

BOOST_AUTO_TEST_CASE(limits_and_unknown_routes) {
    ApiWorld world;
    auto reply = http_request(world.port(), "GET", "/elsewhere");
    BOOST_TEST(reply.status == 404);
    BOOST_TEST(reply.body == error_body(404, "No route found for \"GET /elsewhere\""));
    reply = http_request(world.port(), "POST", "/api/oauth/v1/token", {{"Content-Type", "application/json"}},
                         std::string(2 * 1024 * 1024, 'x'));
    BOOST_TEST(reply.status == 413);
    reply =
        http_request(world.port(), "GET", "/api/rest/v1/currencies", {{"X-Big", std::string(20000, 'a')}});
    BOOST_TEST(reply.status == 413);
    BOOST_TEST(world.server->stop() == 0);  // SIGTERM: a clean stop
}

BOOST_AUTO_TEST_SUITE_END()
