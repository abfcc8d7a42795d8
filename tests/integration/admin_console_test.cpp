// The admin console served by `pim-host serve` (issue 12), at the HTTP level:
// no page, hook or session answer without an administrator's session;
// cookie flags; only hashes stored; CSRF refused; security headers; bearer
// tokens and sessions never cross between the API and the console; login
// throttled as the token endpoint; expiry on the plugin's clock; a failing
// hook leaves nothing behind. The browser side is tests/browser/.
#include "support/api_world.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using namespace pim::test;

namespace {

const std::string admin_name = "admin";
const std::string admin_password = "adminPassword1";

// An administrator made as README says (pim:user:create --admin).
void create_admin(const ApiWorld &world) {
    world.host({"pim:user:create", admin_name, admin_password, "admin@example.com", "Ada", "Admin", "en_US",
                "--admin", "-n"});
}

std::string login_body(const std::string &username, const std::string &password) {
    return boost::json::serialize(boost::json::object{{"username", username}, {"password", password}});
}

HttpReply post_login(const ApiWorld &world, const std::string &username, const std::string &password) {
    return http_request(world.port(), "POST", "/admin/login", {{"Content-Type", "application/json"}},
                        login_body(username, password));
}

std::vector<std::string> set_cookies(const HttpReply &reply) {
    std::vector<std::string> cookies;
    for (const auto &[name, value] : reply.header_lines)
        if (name == "set-cookie") cookies.push_back(value);
    return cookies;
}

std::string cookie_value(const HttpReply &reply, const std::string &name) {
    for (const auto &cookie : set_cookies(reply))
        if (cookie.rfind(name + "=", 0) == 0)
            return cookie.substr(name.size() + 1, cookie.find(';') - name.size() - 1);
    return {};
}

struct ConsoleSession {
    std::string id;
    std::string csrf;
    [[nodiscard]] Headers cookie() const {
        return {{"Cookie", "pim_admin_session=" + id + "; pim_admin_csrf=" + csrf}};
    }
    [[nodiscard]] Headers for_change() const {
        return {{"Cookie", "pim_admin_session=" + id + "; pim_admin_csrf=" + csrf},
                {"X-CSRF-Token", csrf},
                {"Content-Type", "application/json"}};
    }
};

ConsoleSession sign_in(const ApiWorld &world) {
    const auto reply = post_login(world, admin_name, admin_password);
    BOOST_TEST_REQUIRE(reply.status == 200, reply.body);
    return {cookie_value(reply, "pim_admin_session"), cookie_value(reply, "pim_admin_csrf")};
}

HttpReply call_hook(const ApiWorld &world, const Headers &headers, const std::string &hook,
                    const std::string &request = "{}") {
    return http_request(world.port(), "POST", "/admin/hook", headers,
                        R"({"hook":")" + hook + R"(","request":)" + request + "}");
}

std::string error_message(const HttpReply &reply) {
    return std::string(boost::json::parse(reply.body).at("error").at("message").as_string());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(admin_console)

BOOST_AUTO_TEST_CASE(nothing_opens_without_an_admin_session) {
    const ApiWorld world;
    for (const char *page :
         {"/admin/users", "/admin/roles", "/admin/api-connections", "/admin/connections"}) {
        const auto reply = http_request(world.port(), "GET", page);
        BOOST_TEST(reply.status == 302, page);
        BOOST_TEST(reply.header("location") == "/admin/login", page);
    }
    BOOST_TEST(http_request(world.port(), "GET", "/admin/session").status == 401);
    const auto hook = call_hook(world, {{"Content-Type", "application/json"}}, "user.list");
    BOOST_TEST(hook.status == 401, hook.body);
    BOOST_TEST(error_message(hook) == "Sign in to the admin console first.");
    // A made-up session id is no session either.
    BOOST_TEST(call_hook(world, {{"Cookie", "pim_admin_session=forged"}, {"X-CSRF-Token", "x"}}, "user.list")
                   .status == 401);
    // The login page and the scripts are public; they hold no data.
    BOOST_TEST(http_request(world.port(), "GET", "/admin/login").status == 200);
    BOOST_TEST(http_request(world.port(), "GET", "/admin/assets/admin.js").status == 200);
}

BOOST_AUTO_TEST_CASE(the_host_lists_the_plugin_pages_under_system) {
    const ApiWorld world;
    const auto reply = http_request(world.port(), "GET", "/admin/menu");
    BOOST_TEST_REQUIRE(reply.status == 200, reply.body);
    BOOST_TEST(
        reply.body ==
        R"({"menus":[{"menu":"System","pages":[{"label":"Users","path":"/admin/users"},)"
        R"({"label":"Roles","path":"/admin/roles"},{"label":"API connections","path":"/admin/api-connections"},)"
        R"({"label":"Connections","path":"/admin/connections"}]}]})");
    BOOST_TEST(http_request(world.port(), "GET", "/admin/").header("location") == "/admin/users");
    const std::string plugins = world.host({"plugins"});
    BOOST_TEST(
        plugins.find(
            "\n  admin page: System > Users  /admin/users\n  admin page: System > Roles  /admin/roles\n"
            "  admin page: System > API connections  /admin/api-connections\n"
            "  admin page: System > Connections  /admin/connections\n") != std::string::npos,
        plugins);
}

BOOST_AUTO_TEST_CASE(login_sets_a_strict_http_only_cookie_and_stores_only_hashes) {
    const ApiWorld world;
    create_admin(world);
    const auto reply = post_login(world, admin_name, admin_password);
    BOOST_TEST_REQUIRE(reply.status == 200, reply.body);
    BOOST_TEST(reply.body == R"({"username":"admin"})");
    const auto cookies = set_cookies(reply);
    BOOST_TEST_REQUIRE(cookies.size() == 2u);
    const std::string id = cookie_value(reply, "pim_admin_session");
    const std::string csrf = cookie_value(reply, "pim_admin_csrf");
    BOOST_TEST(id.size() == 86u);
    BOOST_TEST(csrf.size() == 86u);
    BOOST_TEST(cookies[0] == "pim_admin_session=" + id + "; Path=/admin; SameSite=Strict; HttpOnly");
    // The scripts read the CSRF token to send it back in X-CSRF-Token.
    BOOST_TEST(cookies[1] == "pim_admin_csrf=" + csrf + "; Path=/admin; SameSite=Strict");
    BOOST_TEST(reply.header("cache-control") == "no-store");

    const auto db = world.sandbox.open_database();
    const auto rows = db->rows("SELECT id_hash, csrf_hash FROM pim_admin_session");
    BOOST_TEST_REQUIRE(rows.size() == 1u);
    BOOST_TEST(rows[0][0].size() == 64u);
    BOOST_TEST(rows[0][1].size() == 64u);
    const std::string dump = db->dump();
    BOOST_TEST(dump.find(id) == std::string::npos);
    BOOST_TEST(dump.find(csrf) == std::string::npos);

    const auto session =
        http_request(world.port(), "GET", "/admin/session", {{"Cookie", "pim_admin_session=" + id}});
    BOOST_TEST(session.status == 200, session.body);
    BOOST_TEST(session.body == R"({"username":"admin"})");
}

BOOST_AUTO_TEST_CASE(the_cookie_is_secure_when_configured_for_tls) {
    const ApiWorld world("  admin_session:\n    secure_cookie: true\n");
    create_admin(world);
    const auto reply = post_login(world, admin_name, admin_password);
    BOOST_TEST_REQUIRE(reply.status == 200, reply.body);
    for (const auto &cookie : set_cookies(reply))
        BOOST_TEST(cookie.find("; Secure") != std::string::npos, cookie);
}

BOOST_AUTO_TEST_CASE(pages_carry_a_strict_content_security_policy_and_no_store) {
    const ApiWorld world;
    create_admin(world);
    const auto session = sign_in(world);
    for (const char *page :
         {"/admin/users", "/admin/roles", "/admin/api-connections", "/admin/connections", "/admin/login"}) {
        const auto reply = http_request(world.port(), "GET", page, session.cookie());
        BOOST_TEST_REQUIRE(reply.status == 200, page);
        const std::string csp = reply.header("content-security-policy");
        BOOST_TEST(csp.find("script-src 'self'") != std::string::npos, csp);
        BOOST_TEST(csp.find("frame-ancestors 'none'") != std::string::npos, csp);
        BOOST_TEST(csp.find("unsafe-inline") == std::string::npos, csp);
        BOOST_TEST(reply.header("cache-control") == "no-store", page);
        BOOST_TEST(reply.header("x-frame-options") == "DENY", page);
        BOOST_TEST(reply.header("content-type") == "text/html; charset=utf-8", page);
        // Every script is a file of this origin: no inline script, no handler attribute.
        const std::string own_script = "<script src=\"/admin/assets/";
        for (std::size_t at = reply.body.find("<script"); at != std::string::npos;
             at = reply.body.find("<script", at + 1))
            BOOST_TEST(reply.body.compare(at, own_script.size(), own_script) == 0, page);
        for (const char *handler : {"onclick", "onload", "onerror", "onsubmit", "javascript:"})
            BOOST_TEST(reply.body.find(handler) == std::string::npos, page << " " << handler);
    }
    const auto hook = call_hook(world, session.for_change(), "api_connection.list");
    BOOST_TEST(hook.status == 200, hook.body);
    BOOST_TEST(hook.header("cache-control") == "no-store");  // it shows client secrets
}

BOOST_AUTO_TEST_CASE(state_changes_without_the_csrf_token_are_refused) {
    const ApiWorld world;
    create_admin(world);
    const auto session = sign_in(world);
    const std::string create = R"({"label":"Forged"})";
    const std::string csrf_message = "Missing or invalid CSRF token. Reload the page and try again.";

    Headers no_token = session.cookie();
    no_token.emplace_back("Content-Type", "application/json");
    const auto missing = call_hook(world, no_token, "api_connection.create", create);
    BOOST_TEST(missing.status == 403, missing.body);
    BOOST_TEST(error_message(missing) == csrf_message);

    Headers wrong = no_token;
    wrong.emplace_back("X-CSRF-Token", session.csrf.substr(1) + "A");
    BOOST_TEST(call_hook(world, wrong, "api_connection.create", create).status == 403);

    // A cross-site form: even with the cookies a browser would attach, the origin gives it away.
    Headers cross_site = session.for_change();
    cross_site.emplace_back("Origin", "http://evil.example");
    BOOST_TEST(call_hook(world, cross_site, "api_connection.create", create).status == 403);
    Headers fetch_site = session.for_change();
    fetch_site.emplace_back("Sec-Fetch-Site", "cross-site");
    BOOST_TEST(call_hook(world, fetch_site, "api_connection.create", create).status == 403);

    // A form post (no JSON) is refused too.
    Headers form = session.cookie();
    form.emplace_back("X-CSRF-Token", session.csrf);
    form.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    BOOST_TEST(http_request(world.port(), "POST", "/admin/hook", form, "hook=api_connection.create").status ==
               415);

    const auto listed = call_hook(world, session.for_change(), "api_connection.list");
    BOOST_TEST(listed.body.find("Forged") == std::string::npos, listed.body);
    // Logout changes state: it needs the token as well.
    BOOST_TEST(http_request(world.port(), "POST", "/admin/logout", session.cookie()).status == 403);

    const auto created = call_hook(world, session.for_change(), "api_connection.create", create);
    BOOST_TEST(created.status == 201, created.body);
}

BOOST_AUTO_TEST_CASE(only_administrators_get_in) {
    const ApiWorld world;
    create_admin(world);
    const auto wrong = post_login(world, admin_name, "not the password");
    BOOST_TEST(wrong.status == 401, wrong.body);
    BOOST_TEST(error_message(wrong) == "Invalid username or password.");
    BOOST_TEST(set_cookies(wrong).empty());
    BOOST_TEST(post_login(world, "nobody", "whatever1").status == 401);
    // myERPuser has a right password but no ROLE_ADMINISTRATOR.
    const auto api_user = post_login(world, world.username, world.password);
    BOOST_TEST(api_user.status == 403, api_user.body);
    BOOST_TEST(error_message(api_user) ==
               "This account may not use the admin console: only users with the role ROLE_ADMINISTRATOR can "
               "sign in.");
    BOOST_TEST(set_cookies(api_user).empty());
    BOOST_TEST(post_login(world, "", "").status == 400);
    const auto not_json =
        http_request(world.port(), "POST", "/admin/login",
                     {{"Content-Type", "application/x-www-form-urlencoded"}}, "username=admin");
    BOOST_TEST(not_json.status == 415, not_json.body);
}

BOOST_AUTO_TEST_CASE(a_session_ends_when_its_user_is_no_longer_an_enabled_administrator) {
    const ApiWorld world;
    create_admin(world);
    const auto session = sign_in(world);
    world.host({"hook", "user.update", R"({"username":"admin","enabled":false})"});
    BOOST_TEST(http_request(world.port(), "GET", "/admin/session", session.cookie()).status == 401);
}

BOOST_AUTO_TEST_CASE(failed_logins_are_throttled_like_token_requests) {
    ApiWorld world(
        "oauth:\n  throttling:\n    max_failures: 3\n    window_seconds: 60\n    block_seconds: 120\n");
    create_admin(world);
    for (int i = 0; i < 3; ++i) BOOST_TEST(post_login(world, admin_name, "wrong-password").status == 401);
    const auto blocked = post_login(world, admin_name, admin_password);
    BOOST_TEST(blocked.status == 429, blocked.body);
    // 120 s from the third failure (119 when a second boundary passed since).
    const std::string wait = blocked.header("retry-after");
    BOOST_TEST((wait == "120" || wait == "119"), wait);
    BOOST_TEST(error_message(blocked) == "Too many failed logins. Try again in " + wait + " seconds.");
    world.sandbox.advance_clock(121);
    BOOST_TEST(post_login(world, admin_name, admin_password).status == 200);
}

BOOST_AUTO_TEST_CASE(a_bearer_token_never_opens_the_console_and_a_session_never_opens_the_api) {
    const ApiWorld world;
    create_admin(world);
    world.host({"pim:user:add-role", world.username, "ROLE_ADMINISTRATOR"});
    const std::string token(world.password_grant().at("access_token").as_string());
    BOOST_TEST(world.get("/api/rest/v1/currencies", token).status == 200);
    const Headers bearer{{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}};
    BOOST_TEST(http_request(world.port(), "GET", "/admin/session", bearer).status == 401);
    BOOST_TEST(http_request(world.port(), "GET", "/admin/users", bearer).status == 302);
    BOOST_TEST(call_hook(world, bearer, "user.list").status == 401);

    const auto session = sign_in(world);
    const auto api = http_request(world.port(), "GET", "/api/rest/v1/currencies", session.cookie());
    BOOST_TEST(api.status == 401, api.body);
}

BOOST_AUTO_TEST_CASE(sessions_expire_when_idle_and_after_their_lifetime) {
    ApiWorld world("  admin_session:\n    idle_timeout: 120\n    absolute_lifetime: 300\n");
    create_admin(world);
    const auto idle = sign_in(world);
    world.sandbox.advance_clock(121);
    BOOST_TEST(http_request(world.port(), "GET", "/admin/session", idle.cookie()).status == 401);

    const auto busy = sign_in(world);
    for (int step = 0; step < 2; ++step) {
        world.sandbox.advance_clock(100);
        BOOST_TEST(http_request(world.port(), "GET", "/admin/session", busy.cookie()).status == 200);
    }
    world.sandbox.advance_clock(101);  // 301 s after login, 101 s after the last request
    BOOST_TEST(http_request(world.port(), "GET", "/admin/session", busy.cookie()).status == 401);
    BOOST_TEST(world.sandbox.open_database()->value("SELECT COUNT(*) FROM pim_admin_session") == "0");
}

BOOST_AUTO_TEST_CASE(logout_ends_the_session) {
    const ApiWorld world;
    create_admin(world);
    const auto session = sign_in(world);
    const auto out = http_request(world.port(), "POST", "/admin/logout", session.for_change());
    BOOST_TEST(out.status == 204, out.body);
    for (const auto &cookie : set_cookies(out)) BOOST_TEST(cookie.find("Max-Age=0") != std::string::npos);
    BOOST_TEST(http_request(world.port(), "GET", "/admin/session", session.cookie()).status == 401);
    BOOST_TEST(world.sandbox.open_database()->value("SELECT COUNT(*) FROM pim_admin_session") == "0");
}

BOOST_AUTO_TEST_CASE(the_endpoint_answers_what_the_hooks_answer_and_a_failure_leaves_nothing) {
    const ApiWorld world;
    create_admin(world);
    const auto session = sign_in(world);
    const auto created = call_hook(
        world, session.for_change(), "role.create",
        R"({"label":"Console role","permissions":["pim_api_overall_access"],"users":["myERPuser"]})");
    BOOST_TEST(created.status == 201, created.body);
    BOOST_TEST(
        created.body ==
        R"({"code":"ROLE_CONSOLE_ROLE","label":"Console role","permissions":["pim_api_overall_access"],"users":["myERPuser"]})");

    // One unknown user: the role is not created, nobody got it.
    const auto refused = call_hook(world, session.for_change(), "role.create",
                                   R"({"label":"Half role","users":["myERPuser","nobody"]})");
    BOOST_TEST(refused.status == 400, refused.body);
    BOOST_TEST(
        refused.body ==
        R"({"error":{"status":400,"message":"Validation failed.","violations":[{"path":"users[1]","message":"User \"nobody\" does not exist."}]}})");
    const auto roles = world.host({"hook", "role.list"});
    BOOST_TEST(roles.find("Half role") == std::string::npos, roles);

    const auto conflict =
        call_hook(world, session.for_change(), "role.create", R"({"label":"Console role"})");
    BOOST_TEST(conflict.status == 409, conflict.body);
    const auto unknown = call_hook(world, session.for_change(), "no.such_hook");
    BOOST_TEST(unknown.status == 404, unknown.body);
    const auto malformed = http_request(world.port(), "POST", "/admin/hook", session.for_change(), "[1]");
    BOOST_TEST(malformed.status == 400, malformed.body);
}

BOOST_AUTO_TEST_CASE(connections_are_created_in_one_step_with_their_secrets_shown_once) {
    const ApiWorld world;
    create_admin(world);
    const auto session = sign_in(world);
    const auto created = call_hook(world, session.for_change(), "connection.create",
                                   R"({"code":"erp_sync","label":"ERP sync","flow_type":"data_source"})");
    BOOST_TEST_REQUIRE(created.status == 201, created.body);
    const auto body = boost::json::parse(created.body).as_object();
    BOOST_TEST(body.at("password").as_string().size() == 24u);
    const std::string client_id(body.at("client_id").as_string());
    const auto secret = call_hook(world, session.for_change(), "connection.regenerate_secret",
                                  R"({"client_id":")" + client_id + R"("})");
    BOOST_TEST(secret.status == 200, secret.body);
    BOOST_TEST(secret.body.find(std::string(body.at("secret").as_string())) == std::string::npos);
    const auto password =
        call_hook(world, session.for_change(), "connection.regenerate_password",
                  R"({"username":")" + std::string(body.at("username").as_string()) + R"("})");
    BOOST_TEST(password.status == 200, password.body);
    const auto invalid = call_hook(world, session.for_change(), "connection.create", R"({"code":"x"})");
    BOOST_TEST(invalid.status == 400, invalid.body);
    BOOST_TEST(invalid.body.find(R"("path":"code")") != std::string::npos, invalid.body);
}

BOOST_AUTO_TEST_SUITE_END()
