// Throttling of the token endpoint, row by row of token-endpoint.md §7.1:
// the user counter (one per account), the client-password counter (only
// password grants), the client-secret counter (before the secret is
// compared), what never counts, the order that keeps 429 from being an
// oracle, and counter keys stored only as keyed hashes. Blocks expire on the
// plugin's clock (Sandbox::advance_clock), never by sleeping.
#include "support/api_world.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <vector>

using namespace pim::test;

namespace {

const std::string bad_client =
    "Parameter \"client_id\" is missing or does not match any client, or secret is invalid";
const std::string no_user = "No user found for the given username and password";
const std::string bad_scope = "An unsupported scope was requested.";

// max_failures 3 within 60 s blocks for 120 s.
const std::string limits =
    "oauth:\n  throttling:\n    max_failures: 3\n    window_seconds: 60\n    block_seconds: 120\n";

std::string password_body(const std::string &username, const std::string &password,
                          const std::string &extra = "") {
    boost::json::object body{{"grant_type", "password"}, {"username", username}, {"password", password}};
    if (!extra.empty()) body["scope"] = extra;
    return boost::json::serialize(body);
}

Headers as(const ClientCredentialsPair &client) {
    return {{"Authorization", basic(client)}};
}

void expect_status(const HttpReply &reply, int status, const std::string &message) {
    BOOST_TEST(reply.status == status, reply.body);
    BOOST_TEST(std::string(boost::json::parse(reply.body).at("message").as_string()) == message);
}

void expect_blocked(const HttpReply &reply, int at_most_seconds) {
    BOOST_TEST(reply.status == 429, reply.body);
    BOOST_TEST(reply.body == R"({"code":429,"message":"Too many failed attempts. Retry later."})");
    const int retry_after = std::stoi(reply.header("retry-after"));
    BOOST_TEST((retry_after >= 1 && retry_after <= at_most_seconds), retry_after);
}

std::string access_tokens(const Sandbox &sandbox) {
    return sandbox.open_database()->value("SELECT COUNT(*) FROM pim_api_access_token");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(throttling)

// Row "user": keyed by the resolved account, so username and e-mail share it;
// it blocks that account's password grants through any client, in every
// process, without verifying the password, until the block ends.
BOOST_AUTO_TEST_CASE(the_user_counter_is_one_per_account_through_any_client) {
    ApiWorld world(limits);
    const auto other_client = world.create_client("Other connector");
    for (int i = 0; i < 3; ++i)
        expect_status(world.post_token(password_body(world.username, "wrong"), as(world.client)), 422,
                      no_user);
    const std::string right = password_body(world.username, world.password);
    expect_blocked(world.post_token(right, as(other_client)), 120);
    expect_blocked(world.post_token(password_body("MYERPUSER@example.COM", world.password), as(other_client)),
                   120);
    ServerProcess second(world.sandbox);
    expect_blocked(
        http_request(second.port(), "POST", "/api/oauth/v1/token",
                     {{"Content-Type", "application/json"}, {"Authorization", basic(other_client)}}, right),
        120);
    world.sandbox.advance_clock(121);
    BOOST_TEST(world.post_token(right, as(other_client)).status == 200);
}

BOOST_AUTO_TEST_CASE(the_email_counts_for_the_account_of_its_user) {
    ApiWorld world(limits);
    const auto other_client = world.create_client("Other connector");
    for (const char *login : {"myerpuser@example.com", "MyErpUser", "MYERPUSER@EXAMPLE.COM"})
        expect_status(world.post_token(password_body(login, "wrong"), as(other_client)), 422, no_user);
    // The same account: blocked under its username too (no separate counters).
    expect_blocked(world.post_token(password_body(world.username, world.password), as(world.client)), 120);
}

// Row "client passwords": spraying across usernames through one client blocks
// that client's password grants only; its refresh_token and
// client_credentials grants keep working, and other clients are untouched.
BOOST_AUTO_TEST_CASE(a_client_password_block_stops_only_its_password_grants) {
    ApiWorld world(limits);
    const auto connector =
        world.create_client("Connector", {"password", "refresh_token", "client_credentials"});
    const auto tokens = boost::json::parse(
        world.post_token(password_body(world.username, world.password), as(connector)).body);
    const std::string refresh(tokens.at("refresh_token").as_string());
    for (const char *sprayed : {"alice", "bob", "carol"})
        expect_status(world.post_token(password_body(sprayed, "Summer2026!"), as(connector)), 422, no_user);
    expect_blocked(world.post_token(password_body(world.username, world.password), as(connector)), 120);
    BOOST_TEST(world.refresh(refresh, connector).status == 200);
    BOOST_TEST(world.post_token(R"({"grant_type":"client_credentials"})", as(connector)).status == 200);
    // The user was not blocked (three different names), and another client is free.
    BOOST_TEST(world.post_token(password_body(world.username, world.password), as(world.client)).status ==
               200);
}

// Row "client secret": wrong secrets for a client id block authentication
// with that id before the secret is compared; ids as sent, known or not.
BOOST_AUTO_TEST_CASE(wrong_secrets_block_the_client_id_before_its_secret_is_compared) {
    ApiWorld world(limits);
    const auto other_client = world.create_client("Other connector");
    const std::string right = password_body(world.username, world.password);
    for (int i = 0; i < 3; ++i)
        expect_status(world.post_token(right, as({world.client.id, "wrong-secret"})), 422, bad_client);
    expect_blocked(world.post_token(right, as(world.client)), 120);
    expect_blocked(world.post_token(R"({"grant_type":"passwordd","client_id":")" + world.client.id + "\"}"),
                   120);
    BOOST_TEST(world.post_token(right, as(other_client)).status == 200);
    const ClientCredentialsPair unknown{"99_doesnotexist", "secret"};
    for (int i = 0; i < 3; ++i) expect_status(world.post_token(right, as(unknown)), 422, bad_client);
    expect_blocked(world.post_token(right, as(unknown)), 120);
    world.sandbox.advance_clock(121);
    BOOST_TEST(world.post_token(right, as(world.client)).status == 200);
}

// "Never counted": steps 1, 3, 4.1, 5 and refresh grants refused at 4.2 by
// an authenticated client; a good password with a scope issues nothing.
BOOST_AUTO_TEST_CASE(only_the_listed_refusals_count) {
    ApiWorld world(limits);
    const Headers client = as(world.client);
    for (int i = 0; i < 5; ++i) {
        expect_status(world.post_token(password_body(world.username, world.password, "read"), client), 422,
                      bad_scope);
        BOOST_TEST(world.post_token(R"({"grant_type":"passwordd"})", client).status == 422);  // step 1
        BOOST_TEST(world.post_token(R"({"grant_type":"client_credentials"})", client).status ==
                   422);                                                                        // step 3
        BOOST_TEST(world.post_token(password_body(world.username, ""), client).status == 422);  // step 4.1
        BOOST_TEST(world.refresh("no-such-refresh-token", world.client).status == 422);         // refresh 4.2
    }
    BOOST_TEST(access_tokens(world.sandbox) == "0");  // the scope refusals left no token behind
    BOOST_TEST(world.post_token(password_body(world.username, world.password), client).status == 200);
    BOOST_TEST(access_tokens(world.sandbox) == "1");
}

// Order: user and client-password blocks are checked only after the client
// authenticated, so a caller without a secret learns nothing from a 429.
BOOST_AUTO_TEST_CASE(blocks_are_not_an_oracle_for_unauthenticated_callers) {
    ApiWorld world(limits);
    for (int i = 0; i < 3; ++i)
        expect_status(world.post_token(password_body(world.username, "wrong"), as(world.client)), 422,
                      no_user);
    expect_blocked(world.post_token(password_body(world.username, "wrong"), as(world.client)), 120);
    // The same blocked user and blocked client, without the secret: 422 B, not 429.
    expect_status(world.post_token(password_body(world.username, "wrong"), as({world.client.id, "guess"})),
                  422, bad_client);
    expect_status(world.post_token(password_body(world.username, "wrong")), 422, bad_client);
}

// Counter keys are keyed hashes: any length or bytes work on every backend,
// the counter grows, and no attempted name is stored.
BOOST_AUTO_TEST_CASE(counter_keys_are_hashed_whatever_their_length_or_bytes) {
    ApiWorld world(limits);
    const std::string long_name(300, 'q');
    const std::string accented = "Jos\xc3\xa9-M\xc3\xbcller-\xe6\x97\xa5\xe6\x9c\xac";
    for (const std::string &name : {long_name, accented}) {
        for (int i = 0; i < 3; ++i)
            expect_status(
                world.post_token(password_body(name, "MyS3cretPassw0rd"), as(world.create_client("C"))), 422,
                no_user);
        expect_blocked(
            world.post_token(password_body(name, "MyS3cretPassw0rd"), as(world.create_client("D"))), 120);
    }
    const std::string wrong_id = "1_" + std::string(5000, 'z');
    for (int i = 0; i < 3; ++i)
        expect_status(world.post_token(password_body("x", "y"), as({wrong_id, "s"})), 422, bad_client);
    expect_blocked(world.post_token(password_body("x", "y"), as({wrong_id, "s"})), 120);
    for (const std::string &stored :
         {long_name.substr(0, 40), std::string("M\xc3\xbcller"), std::string(40, 'z')})
        BOOST_TEST(count_in_database(world.sandbox, stored) == 0U);
    const auto keys = world.sandbox.open_database()->rows("SELECT subject FROM pim_api_throttle");
    BOOST_TEST(!keys.empty());
    for (const auto &row : keys) {
        const std::string key = row.at(0);
        BOOST_TEST(key.size() == 64U, key);
        BOOST_TEST(key.find_first_not_of("0123456789abcdef") == std::string::npos, key);
    }
}

BOOST_AUTO_TEST_CASE(throttling_can_be_turned_off) {
    ApiWorld world("oauth:\n  throttling:\n    max_failures: 0\n");
    for (int i = 0; i < 12; ++i)
        expect_status(world.post_token(password_body(world.username, "wrong"), as(world.client)), 422,
                      no_user);
    BOOST_TEST(world.post_token(password_body(world.username, world.password), as(world.client)).status ==
               200);
}

BOOST_AUTO_TEST_SUITE_END()
