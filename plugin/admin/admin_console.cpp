#include "admin/admin_console.hpp"

#include "admin/admin_assets.hpp"
#include "app/admin_session_service.hpp"
#include "app/error_json.hpp"
#include "domain/errors.hpp"
#include "domain/text.hpp"
#include "hooks/admin_hook.hpp"

#include <sodium.h>
#include <boost/json.hpp>

#include <array>
#include <map>

namespace pim {
namespace {

constexpr std::string_view session_cookie = "pim_admin_session";
constexpr std::string_view csrf_cookie = "pim_admin_csrf";
constexpr std::string_view csrf_header = "X-CSRF-Token";
constexpr std::size_t max_login_body = 8192;

// Scripts and styles come from this origin only, never inline; nothing may
// frame the console (clickjacking), forms post only here.
constexpr const char *content_security_policy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

// Every console response: pages show secrets (client secrets, passwords
// shown once), so nothing is cached anywhere.
void add_console_headers(HttpResponse &response) {
    response.headers.emplace_back("Content-Security-Policy", content_security_policy);
    response.headers.emplace_back("X-Frame-Options", "DENY");
    response.headers.emplace_back("X-Content-Type-Options", "nosniff");
    response.headers.emplace_back("Referrer-Policy", "no-referrer");
    add_no_store(response);
}

HttpResponse console_error(int status, const std::string &message) {
    HttpResponse response{status, {{"Content-Type", "application/json"}}, error_json(status, message)};
    add_console_headers(response);
    return response;
}

HttpResponse console_json(int status, std::string body) {
    HttpResponse response{status, {}, std::move(body)};
    if (status != 204) response.headers.emplace_back("Content-Type", "application/json");
    add_console_headers(response);
    return response;
}

HttpResponse redirect(const char *location) {
    HttpResponse response{302, {{"Location", location}}, {}};
    add_console_headers(response);
    return response;
}

HttpResponse method_not_allowed(const pim_http_request &request, const char *allowed) {
    HttpResponse response = console_error(405, "No route found for \"" + std::string(view(request.method)) +
                                                   " " + std::string(view(request.path)) +
                                                   "\": Method Not Allowed (Allow: " + allowed + ")");
    response.headers.emplace_back("Allow", allowed);
    return response;
}

const embedded::AdminAsset *find_asset(std::string_view name) {
    for (std::size_t i = 0; i < embedded::admin_asset_count; ++i)
        if (embedded::admin_assets[i].name == name) return &embedded::admin_assets[i];
    return nullptr;
}

HttpResponse asset_response(const embedded::AdminAsset &asset) {
    HttpResponse response{200, {{"Content-Type", std::string(asset.content_type)}}, std::string(asset.body)};
    add_console_headers(response);
    return response;
}

// The value of cookie `name` in the request's Cookie headers; empty when absent.
std::string_view cookie_value(const pim_http_request &request, std::string_view name) {
    for (std::size_t i = 0; i < request.header_count; ++i) {
        if (!iequals_ascii(view(request.headers[i].name), "Cookie")) continue;
        std::string_view rest = view(request.headers[i].value);
        while (!rest.empty()) {
            const auto semicolon = rest.find(';');
            std::string_view pair = rest.substr(0, semicolon);
            rest = semicolon == std::string_view::npos ? std::string_view() : rest.substr(semicolon + 1);
            while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
            const auto equals = pair.find('=');
            if (equals != std::string_view::npos && pair.substr(0, equals) == name)
                return pair.substr(equals + 1);
        }
    }
    return {};
}

std::string cookie(std::string_view name, std::string_view value, bool http_only, bool secure,
                   bool expire = false) {
    std::string text = std::string(name) + "=" + std::string(value) + "; Path=/admin; SameSite=Strict";
    if (http_only) text += "; HttpOnly";
    if (secure) text += "; Secure";
    if (expire) text += "; Max-Age=0";
    return text;
}

// A browser says where a request comes from: refuse any that is not this
// origin (a second line behind SameSite=Strict and the CSRF token).
bool cross_origin(const pim_http_request &request) {
    const std::string_view fetch_site = header_value(request, "Sec-Fetch-Site");
    if (!fetch_site.empty() && fetch_site != "same-origin" && fetch_site != "none") return true;
    const std::string_view origin = header_value(request, "Origin");
    if (origin.empty()) return false;
    const std::string host(header_value(request, "Host"));
    return origin != "http://" + host && origin != "https://" + host;
}

bool is_json(const pim_http_request &request) {
    const std::string_view type = header_value(request, "Content-Type");
    const std::string_view media = type.substr(0, type.find(';'));
    return iequals_ascii(trim(media), "application/json");
}

AdminSessionService sessions_of(App &app) {
    return AdminSessionService([&app]() -> ConnectionPool & { return app.pool(); }, app.settings(),
                               app.throttle());
}

// Storage failures answer 503 with a message, never a blank page.
template <typename Handler>
HttpResponse guarded(App &app, const char *what, Handler &&handler) {
    try {
        return handler();
    } catch (const StorageUnavailable &error) {
        app.log(PIM_LOG_ERROR, std::string("admin console ") + what + ": " + error.what());
        return console_error(503, "Service temporarily unavailable.");
    } catch (const SchemaMismatch &error) {
        app.log(PIM_LOG_ERROR, std::string("admin console ") + what + ": " + error.what());
        return console_error(503, "Service temporarily unavailable.");
    }
}

HttpResponse not_signed_in() {
    return console_error(401, "Sign in to the admin console first.");
}

// {"username","password"} from a JSON login body; the parsed copies live in a
// buffer that is wiped before returning (the body itself is the host's).
struct LoginFields {
    std::string username, password;
    ~LoginFields() {
        sodium_memzero(username.data(), username.size());
        sodium_memzero(password.data(), password.size());
    }
};

bool decode_login(std::string_view body, LoginFields &fields) {
    std::array<unsigned char, 4 * max_login_body> buffer{};
    bool decoded = false;
    {
        boost::json::static_resource resource(buffer.data(), buffer.size());
        boost::system::error_code ec;
        const boost::json::value value = boost::json::parse(body, ec, &resource);
        const auto *object = ec ? nullptr : value.if_object();
        const auto *username = object ? object->if_contains("username") : nullptr;
        const auto *password = object ? object->if_contains("password") : nullptr;
        if (username && password && username->is_string() && password->is_string()) {
            fields.username.assign(username->as_string().begin(), username->as_string().end());
            fields.password.assign(password->as_string().begin(), password->as_string().end());
            decoded = true;
        }
    }
    sodium_memzero(buffer.data(), buffer.size());
    return decoded;
}

HttpResponse signed_in(const AdminLogin &login, const Settings &settings) {
    HttpResponse response =
        console_json(200, boost::json::serialize(boost::json::object{{"username", login.username}}));
    const bool secure = settings.admin_session.secure_cookie;
    response.headers.emplace_back("Set-Cookie", cookie(session_cookie, login.session_id, true, secure));
    // Readable by the console's own scripts, which send it back in X-CSRF-Token.
    response.headers.emplace_back("Set-Cookie", cookie(csrf_cookie, login.csrf_token, false, secure));
    return response;
}

HttpResponse login(const pim_http_request &request, App &app) {
    if (cross_origin(request)) return console_error(403, "Cross-origin login refused.");
    if (!is_json(request)) return console_error(415, "Send the login as application/json.");
    if (request.body.length > max_login_body) return console_error(413, "The login request is too large.");
    LoginFields fields;
    if (!decode_login(view(request.body), fields))
        return console_error(400, "The login must be a JSON object with the strings username and password.");
    return guarded(app, "login", [&] {
        const auto result = sessions_of(app).login(fields.username, fields.password);
        if (const auto *success = std::get_if<AdminLogin>(&result)) {
            app.log(PIM_LOG_INFO, "admin console: " + success->username + " signed in");
            return signed_in(*success, app.settings());
        }
        const auto &refusal = std::get<AdminLoginRefusal>(result);
        HttpResponse response = console_error(refusal.status, refusal.message);
        if (refusal.retry_after > 0)
            response.headers.emplace_back("Retry-After", std::to_string(refusal.retry_after));
        return response;
    });
}

// The session and, for a change, its CSRF token; nullopt with the refusal set.
std::optional<AdminPrincipal> admit(const pim_http_request &request, App &app, bool changes_state,
                                    HttpResponse &refusal) {
    const auto principal = sessions_of(app).authenticate(cookie_value(request, session_cookie));
    if (!principal) {
        refusal = not_signed_in();
        return std::nullopt;
    }
    if (changes_state && (cross_origin(request) ||
                          !sessions_of(app).csrf_matches(*principal, header_value(request, csrf_header)))) {
        refusal = console_error(403, "Missing or invalid CSRF token. Reload the page and try again.");
        return std::nullopt;
    }
    return principal;
}

// The shared shell (page.html) with the page's label and script, built once.
HttpResponse page_response(const AdminPage &page) {
    static const std::map<std::string, std::string, std::less<>> rendered = [] {
        std::map<std::string, std::string, std::less<>> pages;
        const std::string shell(find_asset("page.html")->body);
        for (const AdminPage &each : admin_pages()) {
            std::string html = shell;
            for (const auto &[placeholder, value] :
                 {std::pair<std::string_view, std::string_view>{"{{label}}", each.label},
                  {"{{script}}", each.script}})
                html.replace(html.find(placeholder), placeholder.size(), value);
            pages.emplace(each.path, std::move(html));
        }
        return pages;
    }();
    HttpResponse response{
        200, {{"Content-Type", "text/html; charset=utf-8"}}, rendered.find(page.path)->second};
    add_console_headers(response);
    return response;
}

}  // namespace

const std::vector<AdminPage> &admin_pages() {
    static const std::vector<AdminPage> pages = {
        {"/admin/users", "Users", 10, "users.js"},
        {"/admin/roles", "Roles", 20, "roles.js"},
        {"/admin/api-connections", "API connections", 30, "api-connections.js"},
        {"/admin/connections", "Connections", 40, "connections.js"},
    };
    return pages;
}

std::vector<std::string> admin_asset_paths() {
    std::vector<std::string> paths;
    for (std::size_t i = 0; i < embedded::admin_asset_count; ++i) {
        const std::string_view name = embedded::admin_assets[i].name;
        if (name.size() < 5 || name.substr(name.size() - 5) != ".html")
            paths.push_back(admin_asset_prefix + std::string(name));
    }
    return paths;
}

HttpResponse handle_admin_root(const pim_http_request &request) {
    if (view(request.method) != "GET") return method_not_allowed(request, "GET");
    return redirect(admin_pages().front().path);
}

HttpResponse handle_admin_page(const pim_http_request &request, App &app, const AdminPage &page) {
    return guarded(app, page.path, [&] {
        HttpResponse refusal;
        if (!admit(request, app, false, refusal)) return redirect(admin_login_path);
        return page_response(page);
    });
}

HttpResponse handle_admin_asset(const pim_http_request &request) {
    const std::string_view path = view(request.path);
    const embedded::AdminAsset *asset =
        path.rfind(admin_asset_prefix, 0) == 0
            ? find_asset(path.substr(std::string_view(admin_asset_prefix).size()))
            : nullptr;
    if (asset == nullptr) return console_error(404, "No such asset.");
    return asset_response(*asset);
}

HttpResponse handle_admin_login(const pim_http_request &request, App &app) {
    const std::string_view method = view(request.method);
    if (method == "GET") return asset_response(*find_asset("login.html"));
    if (method == "POST") return login(request, app);
    return method_not_allowed(request, "GET, POST");
}

HttpResponse handle_admin_logout(const pim_http_request &request, App &app) {
    if (view(request.method) != "POST") return method_not_allowed(request, "POST");
    return guarded(app, "logout", [&] {
        HttpResponse refusal;
        const auto principal = admit(request, app, true, refusal);
        if (!principal) return refusal;
        sessions_of(app).logout(*principal);
        HttpResponse response = console_json(204, {});
        const bool secure = app.settings().admin_session.secure_cookie;
        response.headers.emplace_back("Set-Cookie", cookie(session_cookie, "", true, secure, true));
        response.headers.emplace_back("Set-Cookie", cookie(csrf_cookie, "", false, secure, true));
        return response;
    });
}

HttpResponse handle_admin_session(const pim_http_request &request, App &app) {
    if (view(request.method) != "GET") return method_not_allowed(request, "GET");
    return guarded(app, "session", [&] {
        HttpResponse refusal;
        const auto principal = admit(request, app, false, refusal);
        if (!principal) return refusal;
        return console_json(200,
                            boost::json::serialize(boost::json::object{{"username", principal->username}}));
    });
}

HttpResponse handle_admin_hook(const pim_http_request &request, App &app) {
    if (view(request.method) != "POST") return method_not_allowed(request, "POST");
    return guarded(app, "hook", [&] {
        HttpResponse refusal;
        if (!admit(request, app, true, refusal)) return refusal;
        if (!is_json(request)) return console_error(415, "Send hook calls as application/json.");
        boost::system::error_code ec;
        const boost::json::value call = boost::json::parse(view(request.body), ec);
        const auto *object = ec ? nullptr : call.if_object();
        const auto *name = object ? object->if_contains("hook") : nullptr;
        const auto *body = object ? object->if_contains("request") : nullptr;
        if (name == nullptr || !name->is_string() || (body != nullptr && !body->is_object()))
            return console_error(400, "A hook call is {\"hook\":\"<name>\",\"request\":{…}}.");
        for (const auto &hook : admin_hooks()) {
            if (name->as_string() != hook.name) continue;
            std::string response;
            const int status =
                run_admin_hook(hook, app, body ? boost::json::serialize(*body) : std::string("{}"), response);
            return console_json(status, std::move(response));
        }
        return console_error(404, "Unknown admin hook \"" + std::string(name->as_string()) + "\".");
    });
}

}  // namespace pim
