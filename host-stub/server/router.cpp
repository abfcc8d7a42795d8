#include "server/router.hpp"

#include "server/plugin_bridge.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace pim::host {
namespace {

std::string_view trimmed(std::string_view text) {
    const auto begin = text.find_first_not_of(" \t");
    if (begin == std::string_view::npos) return {};
    return text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
}

bool iequals(std::string_view a, std::string_view b) {
    const auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return lower(x) == lower(y); });
}

// api-authentication.md §6: an Accept header must name application/json or */*.
bool accepts_json(const Request &request) {
    const std::string_view *accept = request.header("Accept");
    if (accept == nullptr) return true;
    std::string_view rest = *accept;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        const std::string_view item = rest.substr(0, comma);
        const std::string_view media = trimmed(item.substr(0, item.find(';')));
        if (iequals(media, "application/json") || media == "*/*") return true;
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    return false;
}

// "No route found for "METHOD PATH""
std::string route_text(const Request &request) {
    std::string text = "No route found for \"";
    text.append(request.method).append(" ").append(request.path).append("\"");
    return text;
}

template <typename Methods>
Response method_not_allowed(const Request &request, const Methods &allowed) {
    std::string allow;
    for (const auto &method : allowed) {
        if (!allow.empty()) allow += ", ";
        allow += method;
    }
    Response response =
        json_message(405, route_text(request) + ": Method Not Allowed (Allow: " + allow + ")");
    response.headers.emplace_back("Allow", allow);
    return response;
}

Response no_route(const Request &request) {
    return json_message(404, route_text(request));
}

// The admin pages plugins registered (ABI 1.3), for the pages' navigation:
// the host draws no page itself, so another host can mount the same pages.
Response admin_menu(const Registry &registry) {
    boost::json::array menus;
    for (const AdminPageEntry *page : registry.admin_pages()) {
        if (menus.empty() || menus.back().as_object().at("menu").as_string() != page->menu)
            menus.push_back(boost::json::object{{"menu", page->menu}, {"pages", boost::json::array()}});
        menus.back().as_object().at("pages").as_array().push_back(
            boost::json::object{{"label", page->label}, {"path", page->path}});
    }
    Response response;
    response.headers.emplace_back("Content-Type", "application/json");
    response.headers.emplace_back("Cache-Control", "no-store");
    response.headers.emplace_back("X-Content-Type-Options", "nosniff");
    response.body = boost::json::serialize(boost::json::object{{"menus", std::move(menus)}});
    return response;
}

}  // namespace

Response Router::handle(const Request &request) const {
    std::vector<std::string> methods_here;
    for (const auto &route : registry_.routes()) {
        if (route.path != request.path) continue;
        if (route.method == "*" || route.method == request.method) return call_route(route, request);
        methods_here.push_back(route.method);
    }
    if (!methods_here.empty()) return method_not_allowed(request, methods_here);
    if (request.path == admin_menu_path) {
        if (request.method != "GET") return method_not_allowed(request, std::array{"GET"});
        return admin_menu(registry_);
    }
    if (request.path == "/api/rest/v1" || request.path == "/api/rest/v1/") {
        if (request.method != "GET") return method_not_allowed(request, std::array{"GET"});
        return catalog_.endpoint_list(request);
    }
    if (request.path.starts_with("/api/")) return api(request);
    return no_route(request);
}

const RouteEntry *Router::may_block_route(const Request &request) const {
    for (const auto &route : registry_.routes())  // the route handle() would call
        if (route.path == request.path && (route.method == "*" || route.method == request.method))
            return route_blocks(route, request) ? &route : nullptr;
    return nullptr;
}

// Everything under /api/ needs a token first: unauthenticated callers learn
// nothing about paths, methods or formats.
Response Router::api(const Request &request) const {
    const AuthenticatorEntry *authenticator = registry_.authenticator();
    if (authenticator == nullptr) return json_message(503, "No request authenticator is registered.");
    const CatalogRoute route = catalog_.route(request.method, request.path);
    const auto methods = route.allowed_methods();
    const bool allowed = std::find(methods.begin(), methods.end(), request.method) != methods.end();
    const char *permission = allowed && route.permission != nullptr ? route.permission->c_str() : nullptr;
    Response principal;
    if (auto refusal = call_authenticator(*authenticator, request, permission, principal))
        return std::move(*refusal);
    Response response;
    if (!route.known)
        response = no_route(request);
    else if (!allowed)
        response = method_not_allowed(request, methods);
    else if (request.method == "GET" && !accepts_json(request))
        response = json_message(
            406, "\"" + std::string(*request.header("Accept")) +
                     "\" in \"Accept\" header is not valid. Only \"application/json\" is allowed.");
    else
        response = catalog_.handle(request);
    response.client_id = std::move(principal.client_id);
    response.username = std::move(principal.username);
    return response;
}

}  // namespace pim::host
