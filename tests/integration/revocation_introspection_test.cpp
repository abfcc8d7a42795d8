// Token revocation (RFC 7009) and introspection (RFC 7662) on `pim-host
// serve` (docs/revocation-and-introspection.md): client authentication as
// at the token endpoint, RFC 6749 §5.2 errors, what is revoked and what is
// left, answers seen by another serve process, and every inactive case.
#include "support/api_world.hpp"
#include "support/server_process.hpp"

#include <boost/test/unit_test.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

using namespace pim::test;

namespace {

const std::string revoke_path = "/api/oauth/v1/revoke";
const std::string introspect_path = "/api/oauth/v1/introspect";
const std::string currencies = "/api/rest/v1/currencies";

Headers as(const ClientCredentialsPair &client) {
    return {{"Authorization", basic(client)}};
}

HttpReply post(const ApiWorld &world, const std::string &path, const std::string &form,
               const Headers &headers = {}) {
    Headers all{{"Content-Type", "application/x-www-form-urlencoded"}};
    all.insert(all.end(), headers.begin(), headers.end());
    return http_request(world.port(), "POST", path, all, form);
}

HttpReply revoke(const ApiWorld &world, const std::string &token, const ClientCredentialsPair &client,
                 const std::string &hint = "") {
    return post(world, revoke_path, "token=" + token + (hint.empty() ? "" : "&token_type_hint=" + hint),
                as(client));
}

std::string text(const boost::json::object &document, const char *name) {
    return std::string(document.at(name).as_string());
}

boost::json::object error_of(const HttpReply &reply) {
    return boost::json::parse(reply.body).as_object();
}

void expect_revoked_answer(const HttpReply &reply) {
    BOOST_TEST(reply.status == 200, reply.body);
    BOOST_TEST(reply.body.empty());
    BOOST_TEST(reply.header("cache-control") == "no-store");
}

void expect_invalid_client(const HttpReply &reply) {
    BOOST_TEST(reply.status == 401, reply.body);
    BOOST_TEST(reply.body ==
               R"({"error":"invalid_client","error_description":"Client authentication failed."})");
    BOOST_TEST(reply.header("www-authenticate") == "Basic realm=\"pim-oauth\"");
    BOOST_TEST(reply.header("cache-control") == "no-store");
}

HttpReply introspect(const ApiWorld &world, const std::string &token, const ClientCredentialsPair &client) {
    return post(world, introspect_path, "token=" + token, as(client));
}

// A client allowed to introspect, as a resource server would hold.
ClientCredentialsPair resource_server(const ApiWorld &world) {
    const auto client = world.create_client("Asset server");
    world.host({"pim:oauth-server:allow-introspect", client.id});
    return client;
}

void expect_inactive(const HttpReply &reply) {
    BOOST_TEST(reply.status == 200, reply.body);
    BOOST_TEST(reply.body == R"({"active":false})");
    BOOST_TEST(reply.header("cache-control") == "no-store");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(revocation_introspection)

BOOST_AUTO_TEST_CASE(revoking_an_access_token_ends_it_and_leaves_its_refresh_token) {
    const ApiWorld world;
    const auto tokens = world.password_grant();
    const std::string access = text(tokens, "access_token");
    BOOST_TEST(world.get(currencies, access).status == 200);

    expect_revoked_answer(revoke(world, access, world.client, "access_token"));
    const auto refused = world.get(currencies, access);
    BOOST_TEST(refused.status == 401, refused.body);
    BOOST_TEST(world.refresh(text(tokens, "refresh_token"), world.client).status == 200);
}

// One info line per request (-v): status, RFC 6749 error, client, what was
// done, remote address; never the token.
BOOST_AUTO_TEST_CASE(each_request_is_logged_without_its_token) {
    ApiWorld world;
    world.server->stop();
    world.server = std::make_unique<ServerProcess>(world.sandbox, std::map<std::string, std::string>{},
                                                   std::vector<std::string>{"-v"});
    const auto introspector = resource_server(world);
    const std::string access = text(world.password_grant(), "access_token");
    BOOST_TEST(introspect(world, access, introspector).status == 200);
    expect_revoked_answer(revoke(world, access, world.client, "access_token"));
    BOOST_TEST(revoke(world, access, {world.client.id, "wrong secret"}, "").status == 401);
    world.server->stop();
    const std::string log = world.server->output() + world.server->errors();
    BOOST_TEST(log.find("introspection request: status 200, error -, client " + introspector.id +
                        ", active true, remote 127.0.0.1:") != std::string::npos,
               log);
    BOOST_TEST(log.find("revocation request: status 200, error -, client " + world.client.id +
                        ", revoked access_token, remote 127.0.0.1:") != std::string::npos,
               log);
    BOOST_TEST(log.find("revocation request: status 401, error invalid_client, client " + world.client.id +
                        ", revoked -, remote 127.0.0.1:") != std::string::npos,
               log);
    BOOST_TEST(log.find(access) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(revoking_a_refresh_token_ends_its_family_with_body_credentials_in_json) {
    const ApiWorld world;
    const auto first = world.password_grant();
    const auto refreshed =
        boost::json::parse(world.refresh(text(first, "refresh_token"), world.client).body).as_object();
    const auto other_grant = world.password_grant();  // another family: untouched
    const std::string body =
        boost::json::serialize(boost::json::object{{"token", text(refreshed, "refresh_token")},
                                                   {"token_type_hint", "refresh_token"},
                                                   {"client_id", world.client.id},
                                                   {"client_secret", world.client.secret}});
    expect_revoked_answer(
        http_request(world.port(), "POST", revoke_path, {{"Content-Type", "application/json"}}, body));
    BOOST_TEST(world.get(currencies, text(refreshed, "access_token")).status == 401);
    BOOST_TEST(world.refresh(text(refreshed, "refresh_token"), world.client).status == 422);
    BOOST_TEST(world.get(currencies, text(other_grant, "access_token")).status == 200);
    BOOST_TEST(world.refresh(text(other_grant, "refresh_token"), world.client).status == 200);
}

BOOST_AUTO_TEST_CASE(the_hint_only_orders_the_search) {
    const ApiWorld world;
    const auto tokens = world.password_grant();
    expect_revoked_answer(revoke(world, text(tokens, "access_token"), world.client, "refresh_token"));
    BOOST_TEST(world.get(currencies, text(tokens, "access_token")).status == 401);
    expect_revoked_answer(revoke(world, text(tokens, "refresh_token"), world.client, "no_such_type"));
    BOOST_TEST(world.refresh(text(tokens, "refresh_token"), world.client).status == 422);
}

BOOST_AUTO_TEST_CASE(unknown_and_already_revoked_tokens_answer_200) {
    const ApiWorld world;
    const std::string access = text(world.password_grant(), "access_token");
    expect_revoked_answer(revoke(world, "not-a-token-we-issued", world.client));
    expect_revoked_answer(revoke(world, access, world.client));
    expect_revoked_answer(revoke(world, access, world.client));
}

BOOST_AUTO_TEST_CASE(a_token_of_another_client_is_not_revoked) {
    const ApiWorld world;
    const auto other = world.create_client("Other connection");
    const auto tokens = world.password_grant();
    expect_revoked_answer(revoke(world, text(tokens, "access_token"), other));
    expect_revoked_answer(revoke(world, text(tokens, "refresh_token"), other));
    BOOST_TEST(world.get(currencies, text(tokens, "access_token")).status == 200);
    BOOST_TEST(world.refresh(text(tokens, "refresh_token"), world.client).status == 200);
}

BOOST_AUTO_TEST_CASE(revocation_is_seen_by_another_serve_process) {
    const ApiWorld world;
    const ServerProcess second(world.sandbox);
    const std::string access = text(world.password_grant(), "access_token");
    const auto on_second = [&] {
        return http_request(second.port(), "GET", currencies, {{"Authorization", "Bearer " + access}});
    };
    BOOST_TEST(on_second().status == 200);
    expect_revoked_answer(revoke(world, access, world.client));
    const auto refused = on_second();
    BOOST_TEST(refused.status == 401, refused.body);
}

BOOST_AUTO_TEST_CASE(request_and_client_authentication_errors) {
    const ApiWorld world;
    const std::string access = text(world.password_grant(), "access_token");
    expect_invalid_client(post(world, revoke_path, "token=" + access));
    expect_invalid_client(revoke(world, access, {world.client.id, "wrong"}));
    expect_invalid_client(post(world, revoke_path,
                               "token=" + access + "&client_id=" + world.client.id + "&client_secret=wrong"));
    BOOST_TEST(world.get(currencies, access).status == 200);

    const auto missing = post(world, revoke_path, "token_type_hint=access_token", as(world.client));
    BOOST_TEST(missing.status == 400, missing.body);
    BOOST_TEST(text(error_of(missing), "error") == "invalid_request");

    const auto no_type = http_request(world.port(), "POST", revoke_path, as(world.client), "token=" + access);
    BOOST_TEST(no_type.status == 415, no_type.body);
    BOOST_TEST(text(error_of(no_type), "error") == "invalid_request");

    Headers json = as(world.client);
    json.emplace_back("Content-Type", "application/json");
    const auto bad_json = http_request(world.port(), "POST", revoke_path, json, "{nope");
    BOOST_TEST(bad_json.status == 400, bad_json.body);
    BOOST_TEST(error_of(bad_json).at("error_description").as_string() == "Invalid json message received");

    const auto get = http_request(world.port(), "GET", revoke_path, as(world.client));
    BOOST_TEST(get.status == 405, get.body);
    BOOST_TEST(get.header("allow") == "POST");
    BOOST_TEST(world.get(currencies, access).status == 200);
}

BOOST_AUTO_TEST_CASE(failed_client_authentication_is_throttled_with_the_token_endpoint) {
    ApiWorld world(
        "oauth:\n  throttling:\n    max_failures: 2\n    window_seconds: 60\n    block_seconds: 120\n");
    const std::string access = text(world.password_grant(), "access_token");
    expect_invalid_client(revoke(world, access, {world.client.id, "wrong"}));
    expect_invalid_client(revoke(world, access, {world.client.id, "wrong"}));
    const auto blocked = revoke(world, access, world.client);
    BOOST_TEST(blocked.status == 429, blocked.body);
    BOOST_TEST(std::stoi(blocked.header("retry-after")) >= 1);
    BOOST_TEST(text(error_of(blocked), "error") == "temporarily_unavailable");
    BOOST_TEST(world.post_token(R"({"grant_type":"client_credentials"})", as(world.client)).status == 429);
    BOOST_TEST(world.get(currencies, access).status == 200);
    world.sandbox.advance_clock(121);
    expect_revoked_answer(revoke(world, access, world.client));
    BOOST_TEST(world.get(currencies, access).status == 401);
}

BOOST_AUTO_TEST_CASE(introspection_describes_an_active_token) {
    const ApiWorld world;
    const auto server = resource_server(world);
    const auto tokens = world.password_grant();
    const auto reply = introspect(world, text(tokens, "access_token"), server);
    BOOST_TEST_REQUIRE(reply.status == 200, reply.body);
    BOOST_TEST(reply.header("cache-control") == "no-store");
    BOOST_TEST(reply.header("content-type") == "application/json");
    const auto body = boost::json::parse(reply.body).as_object();
    BOOST_TEST(body.at("active").as_bool());
    BOOST_TEST(text(body, "client_id") == world.client.id);
    BOOST_TEST(text(body, "username") == world.username);
    BOOST_TEST(text(body, "token_type") == "bearer");
    BOOST_TEST(body.at("exp").as_int64() - body.at("iat").as_int64() == tokens.at("expires_in").as_int64());
    const std::string user_id =
        world.sandbox.open_database()->value("SELECT id FROM pim_user WHERE username = 'myERPuser'");
    BOOST_TEST(text(body, "sub") == user_id);
    BOOST_TEST(boost::json::serialize(body.at("pim_permissions")) ==
               R"(["pim_api_currency_list","pim_api_overall_access"])");
    // The refresh token is no access token: resource servers never see it.
    expect_inactive(introspect(world, text(tokens, "refresh_token"), server));
}

BOOST_AUTO_TEST_CASE(introspection_of_a_client_credentials_token) {
    const ApiWorld world;
    const auto server = resource_server(world);
    const auto machine = world.create_client("Worker", {"client_credentials"});
    const auto issued = world.post_token(R"({"grant_type":"client_credentials"})", as(machine));
    BOOST_TEST_REQUIRE(issued.status == 200, issued.body);
    const auto token = text(boost::json::parse(issued.body).as_object(), "access_token");
    const auto body = boost::json::parse(introspect(world, token, server).body).as_object();
    BOOST_TEST(body.at("active").as_bool());
    BOOST_TEST(text(body, "sub") == machine.id);
    BOOST_TEST(text(body, "client_id") == machine.id);
    BOOST_TEST(!body.contains("username"));
    BOOST_TEST(body.at("pim_permissions").as_array().empty());
}

BOOST_AUTO_TEST_CASE(every_inactive_case_answers_active_false) {
    ApiWorld world;
    const auto server = resource_server(world);
    expect_inactive(introspect(world, "not-a-token-we-issued", server));

    const std::string revoked = text(world.password_grant(), "access_token");
    expect_revoked_answer(revoke(world, revoked, world.client));
    expect_inactive(introspect(world, revoked, server));

    const std::string disabled = text(world.password_grant(), "access_token");
    world.host({"hook", "user.update", R"({"username":"myERPuser","enabled":false})"});
    expect_inactive(introspect(world, disabled, server));
    world.host({"hook", "user.update", R"({"username":"myERPuser","enabled":true})"});
    BOOST_TEST(introspect(world, disabled, server).body.find(R"("active":true)") != std::string::npos);

    const std::string expired = text(world.password_grant(), "access_token");
    world.sandbox.advance_clock(3601);
    expect_inactive(introspect(world, expired, server));

    const std::string deleted = text(world.password_grant(), "access_token");
    BOOST_TEST(introspect(world, deleted, server).body.find(R"("active":true)") != std::string::npos);
    world.host({"hook", "user.delete", R"({"username":"myERPuser"})"});
    expect_inactive(introspect(world, deleted, server));
}

BOOST_AUTO_TEST_CASE(only_clients_allowed_to_introspect_may) {
    const ApiWorld world;
    const std::string access = text(world.password_grant(), "access_token");
    expect_invalid_client(introspect(world, access, world.client));
    const auto allowed = world.host({"pim:oauth-server:allow-introspect", world.client.id});
    BOOST_TEST(allowed == "Client " + world.client.id + " may now introspect tokens.\n");
    BOOST_TEST(introspect(world, access, world.client).status == 200);
    world.host({"pim:oauth-server:allow-introspect", world.client.id, "--deny"});
    expect_invalid_client(introspect(world, access, world.client));
    const auto unknown = world.sandbox.run({"pim:oauth-server:allow-introspect", "1_nope"});
    BOOST_TEST(unknown.exit_code == 255);
    BOOST_TEST(unknown.out == "No client found for this id.\n");
    // A refused client is not counted by the throttle: its secret was right.
    for (int i = 0; i < 6; ++i) expect_invalid_client(introspect(world, access, world.client));
    BOOST_TEST(world.password_grant().contains("access_token"));
}

BOOST_AUTO_TEST_CASE(the_admin_hook_sets_the_introspection_flag) {
    const ApiWorld world;
    const std::string access = text(world.password_grant(), "access_token");
    const auto allowed = world.host({"hook", "api_connection.set_introspection",
                                     R"({"client_id":")" + world.client.id + R"(","introspect":true})"});
    BOOST_TEST(allowed == R"({"client_id":")" + world.client.id + R"(","introspect":true})" + "\n");
    BOOST_TEST(introspect(world, access, world.client).status == 200);
    world.host({"hook", "api_connection.set_introspection",
                R"({"client_id":")" + world.client.id + R"(","introspect":false})"});
    expect_invalid_client(introspect(world, access, world.client));
    const auto unknown = world.sandbox.run(
        {"hook", "api_connection.set_introspection", R"({"client_id":"99_abc","introspect":true})"});
    BOOST_TEST(unknown.exit_code == 1);
    BOOST_TEST(unknown.out.find("Client with public id 99_abc does not exist.") != std::string::npos,
               unknown.out);
    const auto missing =
        world.sandbox.run({"hook", "api_connection.set_introspection", R"({"client_id":"1_a"})"});
    BOOST_TEST(missing.exit_code == 1);
    BOOST_TEST(missing.out.find("introspect") != std::string::npos, missing.out);
}

BOOST_AUTO_TEST_CASE(introspection_errors_and_throttling) {
    const ApiWorld world(
        "oauth:\n  throttling:\n    max_failures: 2\n    window_seconds: 60\n    block_seconds: 120\n");
    const auto server = resource_server(world);
    const std::string access = text(world.password_grant(), "access_token");
    expect_invalid_client(post(world, introspect_path, "token=" + access));
    const auto missing = post(world, introspect_path, "", as(server));
    BOOST_TEST(missing.status == 400, missing.body);
    BOOST_TEST(text(error_of(missing), "error") == "invalid_request");
    BOOST_TEST(http_request(world.port(), "GET", introspect_path, as(server)).status == 405);
    expect_invalid_client(introspect(world, access, {server.id, "wrong"}));
    expect_invalid_client(introspect(world, access, {server.id, "wrong"}));
    const auto blocked = introspect(world, access, server);
    BOOST_TEST(blocked.status == 429, blocked.body);
    BOOST_TEST(std::stoi(blocked.header("retry-after")) >= 1);
}

BOOST_AUTO_TEST_CASE(introspection_in_another_serve_process_sees_a_revocation) {
    const ApiWorld world;
    const auto server = resource_server(world);
    const ServerProcess second(world.sandbox);
    const std::string access = text(world.password_grant(), "access_token");
    const auto on_second = [&] {
        return http_request(
            second.port(), "POST", introspect_path,
            {{"Content-Type", "application/x-www-form-urlencoded"}, {"Authorization", basic(server)}},
            "token=" + access);
    };
    BOOST_TEST(on_second().body.find(R"("active":true)") != std::string::npos);
    expect_revoked_answer(revoke(world, access, world.client));
    expect_inactive(on_second());
}

BOOST_AUTO_TEST_SUITE_END()
