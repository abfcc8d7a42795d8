// POST /api/oauth/v1/token through a running `pim-host serve`: every row of
// token-endpoint.md's 422 table, its precedence examples, 400 / 405 / 415,
// success bodies and headers, refresh rotation and reuse detection, and 100
// concurrent refreshes of one token.
#include "support/api_world.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <regex>
#include <thread>
#include <vector>

using namespace pim::test;

namespace {

const std::string missing_credentials =
    "Parameter \"grant_type\", \"username\" or \"password\" is missing, empty or invalid";
const std::string bad_client =
    "Parameter \"client_id\" is missing or does not match any client, or secret is invalid";
const std::string grant_not_authorized = "This grant type is not authorized for this client";
const std::string missing_refresh_token = "Parameter \"grant_type\" or \"refresh_token\" is missing or empty";
const std::string bad_refresh_token = "Refresh token is invalid or has expired";
const std::string no_user = "No user found for the given username and password";
const std::string bad_scope = "An unsupported scope was requested.";

std::string error_body(int code, const std::string &message) {
    return boost::json::serialize(boost::json::object{{"code", code}, {"message", message}});
}

void expect_422(const HttpReply &reply, const std::string &message) {
    BOOST_TEST(reply.status == 422);
    BOOST_TEST(reply.body == error_body(422, message));
    BOOST_TEST(reply.header("content-type") == "application/json");
    BOOST_TEST(reply.header("cache-control") == "no-store");
    BOOST_TEST(reply.header("pragma") == "no-cache");
    BOOST_TEST(!reply.has_header("www-authenticate"));
}

const std::regex token_body(
    R"(\{"access_token":"[A-Za-z0-9_-]{86}","expires_in":3600,"token_type":"bearer","scope":null,"refresh_token":"[A-Za-z0-9_-]{86}"\})");

std::string json_of(std::initializer_list<std::pair<const char *, std::string>> fields) {
    boost::json::object object;
    for (const auto &[name, value] : fields) object[name] = value;
    return boost::json::serialize(object);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(token_endpoint)

BOOST_AUTO_TEST_CASE(password_grant_succeeds_in_every_documented_form) {
    ApiWorld world;
    // Form body, client through HTTP Basic (token-endpoint.md §9, first example).
    auto reply = world.post_form("grant_type=password&username=myERPuser&password=myERPuserPassword",
                                 {{"Authorization", basic(world.client)}});
    BOOST_TEST(reply.status == 200);
    BOOST_TEST(std::regex_match(reply.body, token_body), reply.body);
    BOOST_TEST(reply.header("content-type") == "application/json");
    BOOST_TEST(reply.header("cache-control") == "no-store");
    BOOST_TEST(reply.header("pragma") == "no-cache");
    // JSON body with the client in the body; e-mail instead of username, any case.
    reply = world.post_token(json_of({{"grant_type", "password"},
                                      {"client_id", world.client.id},
                                      {"client_secret", world.client.secret},
                                      {"username", "MYERPUSER@example.com"},
                                      {"password", world.password}}));
    BOOST_TEST(reply.status == 200, reply.body);
    // Upper-case client id, charset parameter, "+" for spaces in a form.
    std::string upper = world.client.id;
    for (auto &c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    reply =
        http_request(world.port(), "POST", "/api/oauth/v1/token",
                     {{"Content-Type", "Application/X-WWW-Form-Urlencoded; charset=UTF-8"}},
                     "grant_type=password&username=myerpuser&password=myERPuserPassword&client_id=" + upper +
                         "&client_secret=" + world.client.secret + "&ignored=a+b");
    BOOST_TEST(reply.status == 200, reply.body);
    // Every grant yields new, distinct tokens; older ones stay valid.
    const auto first = world.password_grant();
    const auto second = world.password_grant();
    BOOST_TEST(first.at("access_token") != second.at("access_token"));
    BOOST_TEST(
        world.get("/api/rest/v1/currencies", std::string(first.at("access_token").as_string())).status ==
        200);
}

BOOST_AUTO_TEST_CASE(every_row_of_the_422_table) {
    ApiWorld world;
    const auto other = world.create_client("Other");
    const auto credentials_only = world.create_client("Machine", {"client_credentials"});
    const std::string basic_ok = basic(world.client);
    const std::string basic_bad = basic({world.client.id, "wrongsecret"});
    const auto tokens = world.password_grant();
    const std::string refresh = std::string(tokens.at("refresh_token").as_string());
    struct Row {
        std::string name, body, authorization, message;
    };
    const std::vector<Row> rows = {
        {"grant_type missing", R"({"username":"myERPuser","password":"myERPuserPassword"})", basic_ok,
         missing_credentials},
        {"grant_type empty", R"({"grant_type":""})", basic_ok, missing_credentials},
        {"grant_type not matching", R"({"grant_type":"passwordd"})", basic_ok, missing_credentials},
        {"grant_type not scalar", R"({"grant_type":["password"]})", basic_ok, missing_credentials},
        {"password grant, username missing", R"({"grant_type":"password","password":"x"})", basic_ok,
         missing_credentials},
        {"password grant, password empty",
         R"({"grant_type":"password","username":"myERPuser","password":""})", basic_ok, missing_credentials},
        {"no client credentials", R"({"grant_type":"password","username":"a","password":"b"})", "",
         bad_client},
        {"unknown client id",
         json_of({{"grant_type", "password"}, {"client_id", "99_abc"}, {"client_secret", "x"}}), "",
         bad_client},
        {"missing secret", json_of({{"grant_type", "password"}, {"client_id", world.client.id}}), "",
         bad_client},
        {"wrong secret", R"({"grant_type":"password","username":"myERPuser","password":"myERPuserPassword"})",
         basic_bad, bad_client},
        {"secret of another case",
         json_of({{"grant_type", "password"},
                  {"client_id", world.client.id},
                  {"client_secret", std::string(world.client.secret.size(), 'A')}}),
         "", bad_client},
        {"token grant", R"({"grant_type":"token"})", basic_ok, grant_not_authorized},
        {"authorization_code grant", R"({"grant_type":"authorization_code"})", basic_ok,
         grant_not_authorized},
        {"urn grant", R"({"grant_type":"urn:ietf:params:oauth:grant-type:jwt-bearer"})", basic_ok,
         grant_not_authorized},
        {"client_credentials for an ordinary client", R"({"grant_type":"client_credentials"})", basic_ok,
         grant_not_authorized},
        {"password grant for a client_credentials client",
         R"({"grant_type":"password","username":"a","password":"b"})", basic(credentials_only),
         grant_not_authorized},
        {"wrong password", R"({"grant_type":"password","username":"myERPuser","password":"wrong-password"})",
         basic_ok, no_user},
        {"unknown username", R"({"grant_type":"password","username":"ghost","password":"myERPuserPassword"})",
         basic_ok, no_user},
        {"refresh grant, token missing", R"({"grant_type":"refresh_token"})", basic_ok,
         missing_refresh_token},
        {"refresh grant, token empty", R"({"grant_type":"refresh_token","refresh_token":""})", basic_ok,
         missing_refresh_token},
        {"refresh grant, unknown token", R"({"grant_type":"refresh_token","refresh_token":"nope"})", basic_ok,
         bad_refresh_token},
        {"refresh grant, another client's token",
         json_of({{"grant_type", "refresh_token"}, {"refresh_token", refresh}}), basic(other),
         bad_refresh_token},
        {"refresh grant, an access token",
         json_of({{"grant_type", "refresh_token"},
                  {"refresh_token", std::string(tokens.at("access_token").as_string())}}),
         basic_ok, bad_refresh_token},
        {"password grant with a scope",
         R"({"grant_type":"password","username":"myERPuser","password":"myERPuserPassword","scope":"read"})",
         basic_ok, bad_scope},
        {"refresh grant with a scope",
         json_of({{"grant_type", "refresh_token"}, {"refresh_token", refresh}, {"scope", "x"}}), basic_ok,
         bad_scope},
    };
    for (const auto &row : rows) {
        Headers headers;
        if (!row.authorization.empty()) headers.emplace_back("Authorization", row.authorization);
        BOOST_TEST_CONTEXT(row.name) {
            expect_422(world.post_token(row.body, headers), row.message);
        }
    }
    // The scope failure did not consume the refresh token.
    BOOST_TEST(world.refresh(refresh, world.client).status == 200);
}

BOOST_AUTO_TEST_CASE(precedence_examples) {
    ApiWorld world;
    const std::string bad = basic({world.client.id, "wrongsecret"});
    const std::string good = basic(world.client);
    expect_422(world.post_token(R"({"username":"a"})", {{"Authorization", bad}}), missing_credentials);
    expect_422(world.post_token(R"({"grant_type":"passwordd","client_id":"42_x","client_secret":"y"})"),
               missing_credentials);
    expect_422(world.post_token(R"({"grant_type":"token"})", {{"Authorization", bad}}), bad_client);
    expect_422(world.post_token(R"({"grant_type":"token"})", {{"Authorization", good}}),
               grant_not_authorized);
    expect_422(
        world.post_token(R"({"grant_type":"password","username":"myERPuser"})", {{"Authorization", bad}}),
        bad_client);
    expect_422(world.post_token(
                   R"({"grant_type":"password","username":"myERPuser","password":"nope","scope":"read"})",
                   {{"Authorization", good}}),
               no_user);
    // The Basic header wins over body credentials, even wrong ones in the body.
    const auto reply = world.post_token(json_of({{"grant_type", "password"},
                                                 {"username", world.username},
                                                 {"password", world.password},
                                                 {"client_id", "1_wrong"},
                                                 {"client_secret", "wrong"}}),
                                        {{"Authorization", good}});
    BOOST_TEST(reply.status == 200);
    // An undecodable Basic header is ignored: the body's credentials are used.
    const auto fallback = world.post_token(json_of({{"grant_type", "password"},
                                                    {"username", world.username},
                                                    {"password", world.password},
                                                    {"client_id", world.client.id},
                                                    {"client_secret", world.client.secret}}),
                                           {{"Authorization", "Basic !!!not-base64"}});
    BOOST_TEST(fallback.status == 200);
}

// token-endpoint.md §3: the Basic credentials' base64 with or without its
// padding; anything else that is not base64 is ignored, and the body used.
BOOST_AUTO_TEST_CASE(basic_credentials_base64_rules) {
    ApiWorld world;
    const std::string encoded = basic(world.client).substr(std::string_view("Basic ").size());
    const std::string grant =
        json_of({{"grant_type", "password"}, {"username", world.username}, {"password", world.password}});
    std::string unpadded = encoded;
    while (!unpadded.empty() && unpadded.back() == '=') unpadded.pop_back();
    BOOST_TEST_REQUIRE(unpadded.size() < encoded.size());  // "1_…:…" is 103 bytes: two '='
    BOOST_TEST(world.post_token(grant, {{"Authorization", "Basic " + unpadded}}).status == 200);
    // Wrong padding: not base64, so ignored; without body credentials nothing authenticates.
    expect_422(world.post_token(grant, {{"Authorization", "Basic " + unpadded + "==="}}), bad_client);
    // A byte outside ASCII in a group before the last, after the ':': libsodium took it for
    // a digit, which made a wrong secret win over the body's credentials. It is not base64.
    std::string corrupted = encoded;
    corrupted[corrupted.size() - 6] = '\x80';
    const auto with_body = world.post_token(json_of({{"grant_type", "password"},
                                                     {"username", world.username},
                                                     {"password", world.password},
                                                     {"client_id", world.client.id},
                                                     {"client_secret", world.client.secret}}),
                                            {{"Authorization", "Basic " + corrupted}});
    BOOST_TEST(with_body.status == 200);
}

BOOST_AUTO_TEST_CASE(request_checks_400_405_415) {
    ApiWorld world;
    const std::string invalid_json = error_body(400, "Invalid json message received");
    for (const std::string &body :
         std::vector<std::string>{"{", "\"password\"", "42", "true", "null", "   ", "{\"a\":}"}) {
        const auto reply = world.post_token(body);
        BOOST_TEST_CONTEXT(body) {
            BOOST_TEST(reply.status == 400);
            BOOST_TEST(reply.body == invalid_json);
        }
    }
    expect_422(world.post_token(""), missing_credentials);       // zero bytes: no parameter
    expect_422(world.post_token("[1,2]"), missing_credentials);  // a list: no named parameter
    expect_422(world.post_form("grant_type[]=password"), missing_credentials);

    auto reply = http_request(world.port(), "POST", "/api/oauth/v1/token", {}, "grant_type=password");
    BOOST_TEST(reply.status == 415);
    BOOST_TEST(reply.body ==
               error_body(415,
                          "The \"Content-Type\" header is missing. \"application/json\" or "
                          "\"application/x-www-form-urlencoded\" has to be specified as value."));
    reply = http_request(world.port(), "POST", "/api/oauth/v1/token",
                         {{"Content-Type", "application/xml; charset=utf-8"}}, "<x/>");
    BOOST_TEST(reply.status == 415);
    BOOST_TEST(reply.body ==
               error_body(415,
                          "\"application/xml\" in \"Content-Type\" header is not valid. Only "
                          "\"application/json\" or \"application/x-www-form-urlencoded\" are allowed."));

    for (const std::string method : {"GET", "PUT", "DELETE", "PATCH"}) {
        reply = http_request(world.port(), method, "/api/oauth/v1/token?grant_type=password",
                             {{"Content-Type", "text/xml"}});
        BOOST_TEST_CONTEXT(method) {
            BOOST_TEST(reply.status == 405);
            BOOST_TEST(reply.header("allow") == "POST");
            BOOST_TEST(reply.body ==
                       error_body(405, "No route found for \"" + method +
                                           " /api/oauth/v1/token\": Method Not Allowed (Allow: POST)"));
        }
    }
    // Parameters come from the body only.
    reply =
        http_request(world.port(), "POST", "/api/oauth/v1/token?grant_type=password",
                     {{"Content-Type", "application/json"}, {"Authorization", basic(world.client)}}, "{}");
    expect_422(reply, missing_credentials);
}

BOOST_AUTO_TEST_CASE(refresh_rotates_single_use_tokens_and_reuse_revokes_the_family) {
    ApiWorld world;
    const auto first = world.password_grant();
    const std::string access1(first.at("access_token").as_string()),
        refresh1(first.at("refresh_token").as_string());
    auto reply = world.refresh(refresh1, world.client);
    BOOST_TEST_REQUIRE(reply.status == 200, reply.body);
    BOOST_TEST(std::regex_match(reply.body, token_body));
    const auto second = boost::json::parse(reply.body).as_object();
    const std::string access2(second.at("access_token").as_string()),
        refresh2(second.at("refresh_token").as_string());
    BOOST_TEST(access2 != access1);
    BOOST_TEST(refresh2 != refresh1);
    // The previous access token is not revoked by a refresh (reference).
    BOOST_TEST(world.get("/api/rest/v1/currencies", access1).status == 200);
    BOOST_TEST(world.get("/api/rest/v1/currencies", access2).status == 200);
    // A second grant's family is independent.
    const auto other = world.password_grant();
    // Reusing refresh1: 422 E, and the whole family (access1, access2, refresh2) is revoked.
    expect_422(world.refresh(refresh1, world.client), bad_refresh_token);
    BOOST_TEST(world.get("/api/rest/v1/currencies", access1).status == 401);
    BOOST_TEST(world.get("/api/rest/v1/currencies", access2).status == 401);
    expect_422(world.refresh(refresh2, world.client), bad_refresh_token);
    BOOST_TEST(
        world.get("/api/rest/v1/currencies", std::string(other.at("access_token").as_string())).status ==
        200);
    BOOST_TEST(world.refresh(std::string(other.at("refresh_token").as_string()), world.client).status == 200);
}

BOOST_AUTO_TEST_CASE(without_reuse_detection_a_reused_token_just_fails) {
    ApiWorld world("oauth:\n  refresh_token_reuse_detection: false\n");
    const auto first = world.password_grant();
    const std::string refresh1(first.at("refresh_token").as_string());
    const auto reply = world.refresh(refresh1, world.client);
    BOOST_TEST_REQUIRE(reply.status == 200);
    const auto second = boost::json::parse(reply.body).as_object();
    expect_422(world.refresh(refresh1, world.client), bad_refresh_token);
    BOOST_TEST(
        world.get("/api/rest/v1/currencies", std::string(second.at("access_token").as_string())).status ==
        200);
}

BOOST_AUTO_TEST_CASE(one_hundred_concurrent_refreshes_of_one_token_succeed_once) {
    ApiWorld world;
    const std::string refresh(world.password_grant().at("refresh_token").as_string());
    std::atomic<int> ok{0}, refused{0}, other{0};
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    for (int i = 0; i < 100; ++i)
        threads.emplace_back([&] {
            while (!go) std::this_thread::yield();
            try {
                const auto reply = world.refresh(refresh, world.client);
                if (reply.status == 200)
                    ++ok;
                else if (reply.status == 422 && reply.body == error_body(422, bad_refresh_token))
                    ++refused;
                else
                    ++other;
            } catch (...) {
                ++other;
            }
        });
    go = true;
    for (auto &thread : threads) thread.join();
    BOOST_TEST(ok.load() == 1);
    BOOST_TEST(refused.load() == 99);
    BOOST_TEST(other.load() == 0);
}

BOOST_AUTO_TEST_CASE(client_credentials_tokens_have_no_refresh_and_no_api_access) {
    ApiWorld world;
    const auto machine = world.create_client("Machine", {"client_credentials"});
    const auto reply =
        world.post_token(R"({"grant_type":"client_credentials"})", {{"Authorization", basic(machine)}});
    BOOST_TEST_REQUIRE(reply.status == 200, reply.body);
    BOOST_TEST(std::regex_match(
        reply.body,
        std::regex(
            R"(\{"access_token":"[A-Za-z0-9_-]{86}","expires_in":3600,"token_type":"bearer","scope":null\})")));
    const std::string token(boost::json::parse(reply.body).at("access_token").as_string());
    const auto api = world.get("/api/rest/v1/currencies", token);
    BOOST_TEST(api.status == 403);
    BOOST_TEST(api.body == error_body(403, "You are not allowed to access the web API."));
}

BOOST_AUTO_TEST_CASE(disabled_users_get_no_token_and_cannot_refresh) {
    ApiWorld world;
    const auto tokens = world.password_grant();
    world.host({"hook", "user.update", R"({"username":"myERPuser","enabled":false})"});
    expect_422(
        world.post_token(
            json_of({{"grant_type", "password"}, {"username", world.username}, {"password", world.password}}),
            {{"Authorization", basic(world.client)}}),
        no_user);
    expect_422(world.refresh(std::string(tokens.at("refresh_token").as_string()), world.client),
               bad_refresh_token);
}

BOOST_AUTO_TEST_CASE(lifetimes_come_from_the_configuration) {
    ApiWorld world("oauth:\n  access_token_lifetime: 120\n");
    const auto reply = world.post_token(
        json_of({{"grant_type", "password"}, {"username", world.username}, {"password", world.password}}),
        {{"Authorization", basic(world.client)}});
    BOOST_TEST(boost::json::parse(reply.body).at("expires_in").as_int64() == 120);
}

BOOST_AUTO_TEST_CASE(nothing_secret_reaches_the_log_or_the_database) {
    ApiWorld world;
    const auto tokens = world.password_grant();
    const std::string access(tokens.at("access_token").as_string());
    const std::string refresh(tokens.at("refresh_token").as_string());
    (void)world.get("/api/rest/v1/currencies?access_token=" + access, access);
    (void)world.post_form("grant_type=password&username=myERPuser&password=myERPuserPassword",
                          {{"Authorization", basic(world.client)}});
    world.server->stop();
    const std::string log = world.server->output() + world.server->errors();
    BOOST_TEST(log.find("\"POST /api/oauth/v1/token\" 200") != std::string::npos, log);
    BOOST_TEST(log.find("access_token=***") != std::string::npos);
    BOOST_TEST(count_in_database(world.sandbox, "myerpuser@example.com") > 0U);  // the search itself works
    for (const auto &secret : {access, refresh, world.password, world.client.secret}) {
        BOOST_TEST(log.find(secret) == std::string::npos);
        BOOST_TEST(count_in_database(world.sandbox, secret) == 0U);
    }
}

// A grant_type of tens of kilobytes once crashed serve (std::regex's recursive
// matcher overflowed the stack): now plain string code, up to the body limit.
BOOST_AUTO_TEST_CASE(a_huge_grant_type_is_answered_not_crashed_on) {
    ApiWorld world;
    for (const std::size_t length : {40'000UL, 1'000'000UL}) {
        const auto json = world.post_token("{\"grant_type\":\"urn:" + std::string(length, 'a') + "\"}");
        expect_422(json, bad_client);  // matches urn:.+, then no client
        const auto form = world.post_form("grant_type=https://" + std::string(length, 'a'));
        expect_422(form, bad_client);
        const auto newline = world.post_form("grant_type=urn:" + std::string(length, 'a') + "%0A");
        expect_422(newline, missing_credentials);  // '.' matches no line terminator
    }
    BOOST_TEST(world
                   .post_token(json_of({{"grant_type", "password"},
                                        {"username", world.username},
                                        {"password", world.password}}),
                               {{"Authorization", basic(world.client)}})
                   .status == 200);
}

BOOST_AUTO_TEST_CASE(logged_fields_are_escaped_and_bounded) {
    ApiWorld world;
    world.server->stop();
    world.server = std::make_unique<ServerProcess>(world.sandbox, std::map<std::string, std::string>{},
                                                   std::vector<std::string>{"-v"});  // token request lines
    const std::string forged = "eve\n[error] forged line \x1b[31mred\x1b[0m";
    expect_422(
        world.post_token(json_of({{"grant_type", "password"}, {"username", forged}, {"password", "x"}}),
                         {{"Authorization", basic(world.client)}}),
        no_user);
    expect_422(world.post_token(json_of({{"grant_type", "urn:" + std::string(500'000, 'g')}})), bad_client);
    world.server->stop();
    const std::string log = world.server->output() + world.server->errors();
    BOOST_TEST(log.find("\n[error] forged") == std::string::npos, log);
    BOOST_TEST(log.find('\x1b') == std::string::npos);
    BOOST_TEST(log.find("username eve\\x0a[error] forged line \\x1b[31mred") != std::string::npos, log);
    BOOST_TEST(log.find(std::string(1000, 'g')) == std::string::npos);  // bounded
    BOOST_TEST(log.find("bytes)") != std::string::npos);
    BOOST_TEST(log.size() < 20'000U);
}

// An account hashed under other Argon2id parameters (created under a cheaper
// configuration) answers a wrong password in about the time of the others,
// and its hash is brought to the current parameters on its next login.
BOOST_AUTO_TEST_CASE(timing_does_not_tell_old_hashes_apart) {
    ApiWorld world;  // myERPuser hashed with the sandbox's 19 MiB
    world.server->stop();
    std::string yaml = sandbox_dev_yaml();
    const std::string cheap = "memlimit_kib: 19456", current = "memlimit_kib: 131072";
    yaml.replace(yaml.find(cheap), cheap.size(), current);
    world.sandbox.write_config("dev", yaml + "oauth:\n  throttling:\n    max_failures: 0\n");
    (void)world.host(
        {"pim:user:create", "fresh", "freshPassword1", "fresh@example.com", "F", "U", "en_US", "-n"});
    world.server = std::make_unique<ServerProcess>(world.sandbox);
    const Headers client{{"Authorization", basic(world.client)}};
    const auto timed_wrong_password = [&](const std::string &username) {
        const auto started = std::chrono::steady_clock::now();
        expect_422(
            world.post_token(
                json_of({{"grant_type", "password"}, {"username", username}, {"password", "wrong-password"}}),
                client),
            no_user);
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    };
    std::vector<double> old_hash, current_hash, unknown;
    (void)timed_wrong_password("fresh");  // warm-up: the dummy hash is made on first use
    for (int round = 0; round < 7; ++round) {
        old_hash.push_back(timed_wrong_password(world.username));
        current_hash.push_back(timed_wrong_password("fresh"));
        unknown.push_back(timed_wrong_password("nobody"));
    }
    const auto median = [](std::vector<double> values) {
        std::sort(values.begin(), values.end());
        return values[values.size() / 2];
    };
    BOOST_TEST_MESSAGE("median ms: old hash " << median(old_hash) << ", current " << median(current_hash)
                                              << ", unknown " << median(unknown));
    // Without the equalisation an old hash answers several times faster
    // (issue 10 measured 70 against 250 ms for 19 against 64 MiB; here the
    // current cost is 128 MiB); the bounds leave room for a loaded machine
    // (a CI run on 2 cores measured 0.66 for unknown / current).
    BOOST_TEST(median(old_hash) > 0.5 * median(current_hash));
    BOOST_TEST(median(old_hash) < 2.0 * median(current_hash));
    BOOST_TEST(median(unknown) > 0.5 * median(current_hash));
    // A right password rehashes at the current cost.
    BOOST_TEST(world
                   .post_token(json_of({{"grant_type", "password"},
                                        {"username", world.username},
                                        {"password", world.password}}),
                               client)
                   .status == 200);
    const std::string stored = world.sandbox.open_database()->value(
        "SELECT password_hash FROM pim_user WHERE username = ?", {world.username});
    BOOST_TEST(stored.find("m=131072") != std::string::npos, stored);
}

BOOST_AUTO_TEST_CASE(secret_key_rotation_reencrypts_secrets_and_retires_tokens) {
    ApiWorld world;
    (void)world.password_grant();
    world.server->stop();
    const std::string new_key = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";
    ProcessOptions rotate;
    rotate.set_env = {{"PIM_SECRET_KEY", new_key}, {"PIM_OLD_SECRET_KEY", test_secret_key}};
    auto result = world.sandbox.run({"pim:secret-key:rotate"}, rotate);
    BOOST_TEST(result.exit_code == 0, result.err);
    BOOST_TEST(result.out ==
               "Re-encrypted 1 client secrets with the new key (0 already used it).\n"
               "Removed 2 tokens hashed with the old key: connectors must request new tokens with their "
               "password.\n");
    result = world.sandbox.run({"pim:secret-key:rotate", "--format=json"}, rotate);  // idempotent
    BOOST_TEST(result.out == "{\"reencrypted\":0,\"already_current\":1,\"tokens_removed\":0}\n");

    ProcessOptions with_new_key;
    with_new_key.set_env = {{"PIM_SECRET_KEY", new_key}};
    result = world.sandbox.run({"pim:oauth-server:list-clients", "--format=json"}, with_new_key);
    BOOST_TEST(boost::json::parse(result.out).at("clients").at(0).at("secret").as_string() ==
               world.client.secret);
    result = world.sandbox.run({"pim:oauth-server:list-clients"});  // the old key no longer opens it
    BOOST_TEST(result.exit_code == 1);
    BOOST_TEST(result.err.find("cannot be decrypted with the configured secret key") != std::string::npos,
               result.err);

    result = world.sandbox.run({"pim:secret-key:rotate"}, with_new_key);
    BOOST_TEST(result.exit_code == 1);
    BOOST_TEST(
        result.err ==
        "Set PIM_OLD_SECRET_KEY to the previous key (64 hex digits) and PIM_SECRET_KEY to the new one.\n");
    rotate.set_env = {{"PIM_SECRET_KEY", std::string(64, 'a')}, {"PIM_OLD_SECRET_KEY", std::string(64, 'b')}};
    result = world.sandbox.run({"pim:secret-key:rotate"}, rotate);
    BOOST_TEST(result.exit_code == 1);
    BOOST_TEST(result.err ==
               "The secret of client 1 opens with neither PIM_OLD_SECRET_KEY nor the configured key. Nothing "
               "was changed.\n");

    ServerProcess server(world.sandbox, {{"PIM_SECRET_KEY", new_key}});
    const auto reply = http_request(
        server.port(), "POST", "/api/oauth/v1/token",
        {{"Content-Type", "application/json"}, {"Authorization", basic(world.client)}},
        json_of({{"grant_type", "password"}, {"username", world.username}, {"password", world.password}}));
    BOOST_TEST(reply.status == 200, reply.body);
}

BOOST_AUTO_TEST_CASE(clean_removes_expired_tokens_in_batches) {
    ApiWorld world("oauth:\n  access_token_lifetime: 60\n  refresh_token_lifetime: 120\n");
    (void)world.password_grant();
    (void)world.password_grant();
    world.sandbox.advance_clock(121);
    const auto live = world.password_grant();  // issued after the others expired: kept
    auto result = world.sandbox.run({"pim:oauth-server:clean"});
    BOOST_TEST(result.exit_code == 0);
    BOOST_TEST(result.out ==  // exactly the reference's three lines (console-commands.md §2.4)
               "Removed 2 items from Access token storage.\nRemoved 2 items from Refresh token storage.\n"
               "Removed 0 items from Auth code storage.\n");
    BOOST_TEST(result.err.empty(), result.err);
    result = world.sandbox.run({"fos:oauth-server:clean", "--format=json"});
    BOOST_TEST(result.out == "{\"access_token\":0,\"refresh_token\":0,\"auth_code\":0}\n");
    BOOST_TEST(
        world.get("/api/rest/v1/currencies", std::string(live.at("access_token").as_string())).status == 200);
}

// Ours: clean also deletes usage buckets older than the retention and
// throttle counters that neither block nor count any more, and keeps the
// others; its output stays the reference's.
BOOST_AUTO_TEST_CASE(clean_prunes_old_usage_buckets_and_stale_throttle_counters) {
    ApiWorld world("monitoring:\n  retention_days: 30\n");
    const auto db = world.sandbox.open_database();
    const std::int64_t now = std::time(nullptr);  // the sandbox clock is not advanced here
    const auto hour = [](std::int64_t t) { return std::to_string(t - t % 3600); };
    db->execute("INSERT INTO pim_api_usage (client_id, hour_start, metric, hits) VALUES (1, " +
                hour(now - 31 * 86400) + ", 'api_ok', 5)");
    db->execute("INSERT INTO pim_api_usage (client_id, hour_start, metric, hits) VALUES (1, " +
                hour(now - 29 * 86400) + ", 'api_ok', 7)");
    const std::string stale(64, 'a'), blocking(64, 'b');
    db->execute("INSERT INTO pim_api_throttle (subject, failures, window_start, blocked_until) VALUES ('" +
                stale + "', 3, " + std::to_string(now - 86400) + ", 0)");
    db->execute("INSERT INTO pim_api_throttle (subject, failures, window_start, blocked_until) VALUES ('" +
                blocking + "', 10, " + std::to_string(now - 60) + ", " + std::to_string(now + 240) + ")");
    const auto result = world.sandbox.run({"pim:oauth-server:clean"});
    BOOST_TEST(result.exit_code == 0);
    BOOST_TEST(result.out ==
               "Removed 0 items from Access token storage.\nRemoved 0 items from Refresh token storage.\n"
               "Removed 0 items from Auth code storage.\n");
    BOOST_TEST(db->value("SELECT COUNT(*) FROM pim_api_usage") == "1");
    BOOST_TEST(db->value("SELECT hits FROM pim_api_usage") == "7");
    BOOST_TEST(db->value("SELECT COUNT(*) FROM pim_api_throttle") == "1");
    BOOST_TEST(db->value("SELECT subject FROM pim_api_throttle") == blocking);

    // On a terminal, what was pruned besides tokens is said on stderr.
    db->execute("INSERT INTO pim_api_usage (client_id, hour_start, metric, hits) VALUES (2, " +
                hour(now - 40 * 86400) + ", 'api_ok', 1)");
    db->execute("INSERT INTO pim_api_throttle (subject, failures, window_start, blocked_until) VALUES ('" +
                std::string(64, 'c') + "', 1, " + std::to_string(now - 86400) + ", 0)");
    ProcessOptions tty;
    tty.pty = true;
    const auto on_terminal = world.sandbox.run({"pim:oauth-server:clean"}, tty);
    BOOST_TEST(on_terminal.exit_code == 0);
    BOOST_TEST(on_terminal.out.find("Also removed 1 usage buckets and 1 stale throttle counters.\r\n") !=
                   std::string::npos,
               on_terminal.out);
    BOOST_TEST(on_terminal.out.find("Auth code") != std::string::npos, on_terminal.out);
    BOOST_TEST(db->value("SELECT COUNT(*) FROM pim_api_usage") == "1");
    BOOST_TEST(db->value("SELECT COUNT(*) FROM pim_api_throttle") == "1");
}

BOOST_AUTO_TEST_SUITE_END()
