// Connection monitoring (issue 15): usage recorded write-behind and added up
// by every host on one database, last use, security events, audits, secret
// rotation with a grace period, client_credentials acting as a connection's
// user, dormant clients. Time moves with Sandbox::advance_clock; the only
// sleeps wait for the real-time background flush.
#include "support/api_world.hpp"

#include <boost/test/unit_test.hpp>

#include <signal.h>

#include <algorithm>
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

struct CreatedConnection {
    ClientCredentialsPair client;
    std::string username;
    std::string password;
};

// pim:connection:create <code> (role with overall access and the currency list).
CreatedConnection create_connection(const ApiWorld &world, const std::string &code,
                                    const std::vector<std::string> &extra = {}) {
    std::vector<std::string> args{"pim:connection:create", code, "--role=ROLE_MY_ERP_CONNECTOR_ROLE",
                                  "--format=json"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto json = boost::json::parse(world.host(args)).as_object();
    return {{std::string(json.at("client_id").as_string()), std::string(json.at("secret").as_string())},
            std::string(json.at("username").as_string()),
            std::string(json.at("password").as_string())};
}

boost::json::object audit_of(const ApiWorld &world, const std::string &code) {
    return boost::json::parse(world.host({"pim:connection:audit", code, "--format=json"})).as_object();
}

std::vector<std::string> event_names(const boost::json::object &audit) {
    std::vector<std::string> names;
    for (const auto &event : audit.at("events").as_array())
        names.emplace_back(event.as_object().at("event").as_string());
    return names;
}

long long sum_of(const boost::json::array &periods, const char *metric) {
    long long sum = 0;
    for (const auto &period : periods)
        if (const auto *hits = period.as_object().if_contains(metric)) sum += hits->as_int64();
    return sum;
}

bool contains(const std::vector<std::string> &values, const std::string &wanted) {
    return std::find(values.begin(), values.end(), wanted) != values.end();
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
    // The background flush (every second) writes them without any shutdown; a
    // loaded machine may delay it, so wait up to 20 s for it.
    long long flushed = 0;
    for (int waited = 0; waited < 200 && flushed < 20; ++waited) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        const Tally now = recorded(world.sandbox);
        flushed = now.count("api.200") != 0 ? now.at("api.200") : 0;
    }
    BOOST_TEST(flushed == 20);
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

// Each event provoked once; none carries a secret, password or token, in the
// database or in the host's logs.
BOOST_AUTO_TEST_CASE(each_security_event_is_recorded_without_any_secret) {
    ApiWorld world(hourly_flush);
    const auto erp = create_connection(world, "erp");
    const std::string wrong_secret = "wrong-secret-that-must-not-be-stored";
    const std::string wrong_password = "WrongPassword-that-must-not-be-stored";
    // wrong client secret
    BOOST_TEST(
        post_token(world.port(), password_body(erp.username, erp.password), {erp.client.id, wrong_secret})
            .status == 422);
    // wrong password for the connection's user
    BOOST_TEST(post_token(world.port(), password_body(erp.username, wrong_password), erp.client).status ==
               422);
    // wrong credentials combination: the connection's client id with another user
    const auto other = post_token(world.port(), password_body(world.username, world.password), erp.client);
    BOOST_TEST(other.status == 200);
    // refresh-token reuse
    const auto tokens =
        boost::json::parse(
            post_token(world.port(), password_body(erp.username, erp.password), erp.client).body)
            .as_object();
    const std::string refresh(tokens.at("refresh_token").as_string());
    BOOST_TEST(world.refresh(refresh, erp.client).status == 200);
    BOOST_TEST(world.refresh(refresh, erp.client).status == 422);
    // secret and password regenerated, through hooks and commands
    const auto regenerated = boost::json::parse(world.host({"hook", "connection.regenerate_secret",
                                                            R"({"client_id":")" + erp.client.id + "\"}"}))
                                 .as_object();
    world.host({"hook", "connection.regenerate_password", R"({"username":")" + erp.username + "\"}"});

    const auto audit = audit_of(world, "erp");
    const auto names = event_names(audit);
    for (const char *event : {"wrong_client_secret", "wrong_password", "wrong_credentials_combination",
                              "refresh_token_reuse", "secret_regenerated", "password_regenerated"})
        BOOST_TEST(contains(names, event), event);
    for (const auto &event : audit.at("events").as_array()) {
        const auto &remote = event.as_object().at("remote_address").as_string();
        BOOST_TEST((remote.starts_with("127.0.0.1:") || remote == "local"), remote);
    }
    // client revoked: the events outlive the client (audited by its numeric id only in the database)
    world.host({"pim:oauth-server:revoke-client", erp.client.id, "-n"});
    const auto db = world.sandbox.open_database();
    BOOST_TEST(db->value("SELECT COUNT(*) FROM pim_api_security_event WHERE event = 'client_revoked'") ==
               "1");

    BOOST_TEST(world.server->stop() == 0);
    for (const std::string &secret : {wrong_secret, wrong_password, erp.password, erp.client.secret, refresh,
                                      std::string(tokens.at("access_token").as_string()),
                                      std::string(regenerated.at("secret").as_string())}) {
        BOOST_TEST(count_in_database(world.sandbox, secret) == 0U, secret);
        BOOST_TEST(world.server->errors().find(secret) == std::string::npos, secret);
        BOOST_TEST(world.server->output().find(secret) == std::string::npos, secret);
    }
}

// The revocation and introspection endpoints authenticate clients the same
// way: a wrong secret there is the same event.
BOOST_AUTO_TEST_CASE(a_wrong_secret_at_revocation_or_introspection_is_an_event_too) {
    ApiWorld world(hourly_flush);
    const auto erp = create_connection(world, "erp");
    const Headers wrong{{"Content-Type", "application/x-www-form-urlencoded"},
                        {"Authorization", basic({erp.client.id, "not-the-secret"})}};
    for (const char *path : {"/api/oauth/v1/revoke", "/api/oauth/v1/introspect"})
        BOOST_TEST(http_request(world.port(), "POST", path, wrong, "token=abc").status == 401, path);
    const auto names = event_names(audit_of(world, "erp"));
    BOOST_TEST(std::count(names.begin(), names.end(), "wrong_client_secret") == 2);
    BOOST_TEST(count_in_database(world.sandbox, "not-the-secret") == 0U);
}

BOOST_AUTO_TEST_CASE(audits_show_last_use_counts_and_events_as_text_json_and_hooks) {
    ApiWorld world(hourly_flush);
    const auto erp = create_connection(world, "erp");
    const std::string token =
        access_token_of(post_token(world.port(), password_body(erp.username, erp.password), erp.client));
    BOOST_TEST(get_currencies(world.port(), token).status == 200);
    BOOST_TEST(get_currencies(world.port(), token).status == 200);
    BOOST_TEST(world.server->stop() == 0);

    const auto audit = audit_of(world, "erp");
    BOOST_TEST(audit.at("connection").as_string() == "erp");
    BOOST_TEST(audit.at("client_id").as_string() == erp.client.id);
    BOOST_TEST(audit.at("last_used_at").is_string());
    BOOST_TEST(sum_of(audit.at("hours").as_array(), "api.200") == 2);
    BOOST_TEST(sum_of(audit.at("hours").as_array(), "grant.password.ok") == 1);
    BOOST_TEST(sum_of(audit.at("days").as_array(), "api.200") == 2);

    const auto by_client =
        boost::json::parse(world.host({"pim:oauth-server:audit", erp.client.id, "--format=json"}))
            .as_object();
    BOOST_TEST(by_client == audit);
    const auto hook = boost::json::parse(world.host({"hook", "connection.audit", R"({"code":"erp"})"}));
    BOOST_TEST(hook.as_object() == audit);
    const auto client_hook = boost::json::parse(
        world.host({"hook", "api_connection.audit", R"({"client_id":")" + erp.client.id + "\"}"}));
    BOOST_TEST(client_hook.as_object() == audit);

    const std::string text = world.host({"pim:connection:audit", "erp"});
    BOOST_TEST(text.find("Connection: erp\n") != std::string::npos, text);
    BOOST_TEST(text.find("Last used: 20") != std::string::npos, text);
    BOOST_TEST(text.find("No security event.") != std::string::npos, text);

    const auto missing = world.sandbox.run({"pim:connection:audit", "nope"});
    BOOST_TEST(missing.exit_code != 0);
    BOOST_TEST(
        (missing.err + missing.out).find("No connection found for the code \"nope\".") != std::string::npos,
        missing.err + missing.out);
    const auto bad_hook = world.sandbox.run({"hook", "connection.audit", R"({"code":"erp","extra":1})"});
    BOOST_TEST(bad_hook.exit_code != 0);

    const auto clients = boost::json::parse(world.host({"pim:oauth-server:list-clients", "--format=json"}))
                             .at("clients")
                             .as_array();
    for (const auto &client : clients)
        if (client.as_object().at("client_id").as_string() == erp.client.id)
            BOOST_TEST(client.as_object().at("last_used_at").is_string());
        else
            BOOST_TEST(client.as_object().at("last_used_at").is_null());
    const auto users =
        boost::json::parse(world.host({"pim:user:list", "--format=json"})).at("users").as_array();
    for (const auto &user : users)
        BOOST_TEST(user.as_object().at("last_used_at").is_string() ==
                   (user.as_object().at("username").as_string() == erp.username));
}

// Rotation: the old secret authenticates until the deadline (test clock),
// its tokens stay valid, the audit tells which secret was used; without
// --keep-previous-for the old secret and tokens die at once.
// hours_7d (the console's chart): every hour with counts of the last 168, while
// hours keeps its last 24.
BOOST_AUTO_TEST_CASE(audits_give_the_hours_of_the_last_seven_days_in_hours_7d) {
    ApiWorld world(hourly_flush);
    const auto erp = create_connection(world, "erp");
    const std::string body = password_body(erp.username, erp.password);
    BOOST_TEST(
        get_currencies(world.port(), access_token_of(post_token(world.port(), body, erp.client))).status ==
        200);
    world.sandbox.advance_clock(100 * 3600);
    const std::string token = access_token_of(post_token(world.port(), body, erp.client));
    BOOST_TEST(get_currencies(world.port(), token).status == 200);
    BOOST_TEST(get_currencies(world.port(), token).status == 200);
    BOOST_TEST(world.server->stop() == 0);

    const auto audit = audit_of(world, "erp");
    const auto &week = audit.at("hours_7d").as_array();
    BOOST_TEST(week.size() == 2U);
    BOOST_TEST(sum_of(week, "api.200") == 3);
    BOOST_TEST(sum_of(week, "grant.password.ok") == 2);
    BOOST_TEST(sum_of(audit.at("hours").as_array(), "api.200") == 2);
    BOOST_TEST(week.back() == audit.at("hours").as_array().back());

    world.sandbox.advance_clock(100 * 3600);  // the first hour is now 200 hours old
    const auto later = audit_of(world, "erp");
    BOOST_TEST(later.at("hours_7d").as_array().size() == 1U);
    BOOST_TEST(sum_of(later.at("hours_7d").as_array(), "api.200") == 2);
    BOOST_TEST(later.at("hours").as_array().empty());
}

BOOST_AUTO_TEST_CASE(a_previous_secret_works_until_its_deadline_and_not_after) {
    ApiWorld world(hourly_flush);
    const auto erp = create_connection(world, "erp");
    const std::string body = password_body(erp.username, erp.password);
    const std::string old_token = access_token_of(post_token(world.port(), body, erp.client));
    const auto rotated = boost::json::parse(world.host({"pim:oauth-server:regenerate-secret", erp.client.id,
                                                        "--keep-previous-for=2h", "-n", "--format=json"}))
                             .as_object();
    const ClientCredentialsPair current{erp.client.id, std::string(rotated.at("secret").as_string())};
    BOOST_TEST(rotated.at("previous_secret_valid_until").is_int64());
    BOOST_TEST(get_currencies(world.port(), old_token).status == 200);  // tokens kept
    BOOST_TEST(post_token(world.port(), body, erp.client).status == 200);
    BOOST_TEST(post_token(world.port(), body, current).status == 200);
    // The listing shows the new secret.
    const std::string listed = world.host({"pim:oauth-server:list-clients"});
    BOOST_TEST(listed.find("| " + erp.client.id + " | " + current.secret + " |") != std::string::npos,
               listed);
    world.sandbox.advance_clock(2 * 3600 - 60);
    BOOST_TEST(post_token(world.port(), body, erp.client).status == 200);
    world.sandbox.advance_clock(120);
    BOOST_TEST(post_token(world.port(), body, erp.client).status == 422);
    BOOST_TEST(post_token(world.port(), body, current).status == 200);
    BOOST_TEST(world.server->stop() == 0);
    const auto days = audit_of(world, "erp").at("days").as_array();
    BOOST_TEST(sum_of(days, "secret.previous") == 2);
    BOOST_TEST(sum_of(days, "secret.current") == 3);  // the first grant, and two with the new secret

    // Without the option: today's behaviour.
    ServerProcess next(world.sandbox);
    const std::string token = access_token_of(post_token(next.port(), body, current));
    world.host({"pim:oauth-server:regenerate-secret", erp.client.id, "-n"});
    BOOST_TEST(post_token(next.port(), body, current).status == 422);
    BOOST_TEST(get_currencies(next.port(), token).status == 401);

    const auto bad = world.sandbox.run(
        {"pim:oauth-server:regenerate-secret", erp.client.id, "--keep-previous-for=soon", "-n"});
    BOOST_TEST(bad.exit_code != 0);
    BOOST_TEST((bad.err + bad.out).find("Invalid --keep-previous-for \"soon\"") != std::string::npos,
               bad.err + bad.out);
}

// client_credentials on a connection's client acts as the connection's user:
// its role decides; a plain client keeps a token without user (403).
BOOST_AUTO_TEST_CASE(client_credentials_of_a_connection_act_as_its_user) {
    ApiWorld world;
    const auto erp = create_connection(world, "erp", {"--client-credentials"});
    const std::string cc = R"({"grant_type":"client_credentials"})";
    const std::string token = access_token_of(post_token(world.port(), cc, erp.client));
    BOOST_TEST(get_currencies(world.port(), token).status == 200);
    BOOST_TEST(
        http_request(world.port(), "GET", "/api/rest/v1/attributes", {{"Authorization", "Bearer " + token}})
            .status == 403);  // the role lacks pim_api_attribute_list
    const auto plain = world.create_client("Plain", {"client_credentials"});
    BOOST_TEST(get_currencies(world.port(), access_token_of(post_token(world.port(), cc, plain))).status ==
               403);
    world.host({"hook", "user.update", R"({"username":")" + erp.username + R"(","enabled":false})"});
    const auto disabled = post_token(world.port(), cc, erp.client);
    BOOST_TEST(disabled.status == 422);
    BOOST_TEST(disabled.body.find("The user of this connection is disabled.") != std::string::npos,
               disabled.body);
}

BOOST_AUTO_TEST_CASE(unused_since_lists_the_dormant_clients) {
    ApiWorld world(hourly_flush);
    const auto used = world.create_client("Used");
    world.sandbox.advance_clock(100 * 24 * 3600);
    world.password_grant();                           // the default client is used now
    const auto fresh = world.create_client("Fresh");  // created now
    BOOST_TEST(world.server->stop() == 0);
    const auto list = boost::json::parse(world.host({"pim:oauth-server:list-clients", "--unused-since=90d",
                                                     "--format=json"}))
                          .at("clients")
                          .as_array();
    BOOST_REQUIRE_EQUAL(list.size(), 1U);
    BOOST_TEST(list[0].as_object().at("client_id").as_string() == used.id);
    const std::string text = world.host({"pim:oauth-server:list-clients", "--unused-since=90d"});
    BOOST_TEST(text.find(used.id) != std::string::npos);
    BOOST_TEST(text.find(fresh.id) == std::string::npos);
    BOOST_TEST(text.find(world.client.id) == std::string::npos);
    const auto bad = world.sandbox.run({"pim:oauth-server:list-clients", "--unused-since=90"});
    BOOST_TEST(bad.exit_code != 0);
    BOOST_TEST((bad.err + bad.out).find("Invalid --unused-since \"90\"") != std::string::npos,
               bad.err + bad.out);
}

BOOST_AUTO_TEST_SUITE_END()
