#include "server/sample_catalog.hpp"

#include <boost/json.hpp>

namespace pim::host {
namespace {

constexpr const char *api_root = "/api/rest/v1";

// "/api/rest/v1/families/shoes" → {"families", "shoes"}; empty when not below the root.
std::pair<std::string_view, std::string_view> split_path(std::string_view path) {
    constexpr std::string_view prefix = "/api/rest/v1/";
    if (!path.starts_with(prefix)) return {};
    const std::string_view rest = path.substr(prefix.size());
    const auto slash = rest.find('/');
    if (slash == std::string_view::npos) return {rest, ""};
    return {rest.substr(0, slash), rest.substr(slash + 1)};
}

boost::json::object labelled(const std::string &code, const std::string &label) {
    return {{"code", code}, {"labels", boost::json::object{{"en_US", label}}}};
}

Response json_body(int status, std::string body) {
    Response response;
    response.status = status;
    response.headers.emplace_back("Content-Type", "application/json");
    response.body = std::move(body);
    return response;
}

Response json_body(int status, const boost::json::value &body) {
    return json_body(status, boost::json::serialize(body));
}

}  // namespace

SampleCatalog::SampleCatalog() {
    const auto items = [](std::initializer_list<boost::json::object> list, const char *key = "code") {
        std::map<std::string, boost::json::object, std::less<>> out;
        for (const auto &item : list) out.emplace(std::string(item.at(key).as_string()), item);
        return out;
    };
    resources_ = {
        {"currencies",
         "code",
         "pim_api_currency_list",
         std::nullopt,
         false,
         items({{{"code", "EUR"}, {"enabled", true}},
                {{"code", "USD"}, {"enabled", true}},
                {{"code", "GBP"}, {"enabled", false}}}),
         {}},
        {"locales",
         "code",
         "pim_api_locale_list",
         std::nullopt,
         false,
         items({{{"code", "en_US"}, {"enabled", true}},
                {{"code", "fr_FR"}, {"enabled", true}},
                {{"code", "de_DE"}, {"enabled", false}}}),
         {}},
        {"channels",
         "code",
         "pim_api_channel_list",
         "pim_api_channel_edit",
         true,
         items(
             {labelled("ecommerce", "Ecommerce"), labelled("mobile", "Mobile"), labelled("print", "Print")}),
         {}},
        {"categories",
         "code",
         "pim_api_category_list",
         "pim_api_category_edit",
         true,
         items({labelled("master", "Master catalog"), labelled("shoes", "Shoes"),
                labelled("shirts", "Shirts")}),
         {}},
        {"attributes",
         "code",
         "pim_api_attribute_list",
         "pim_api_attribute_edit",
         true,
         items({labelled("sku", "SKU"), labelled("name", "Name"), labelled("color", "Color")}),
         {}},
        {"families",
         "code",
         "pim_api_family_list",
         "pim_api_family_edit",
         true,
         items({labelled("shoes", "Shoes"), labelled("shirts", "Shirts")}),
         {}},
        {"association-types",
         "code",
         "pim_api_association_type_list",
         "pim_api_association_type_edit",
         true,
         items({labelled("X_SELL", "Cross sell"), labelled("UPSELL", "Upsell")}),
         {}},
        {"products",
         "identifier",
         std::nullopt,
         std::nullopt,
         true,
         items({{{"identifier", "sku-1001"}, {"family", "shoes"}, {"enabled", true}},
                {{"identifier", "sku-1002"}, {"family", "shirts"}, {"enabled", true}}},
               "identifier"),
         {}},
    };
}

SampleCatalog::Resource *SampleCatalog::find(std::string_view name) {
    for (auto &resource : resources_)
        if (resource.path == name) return &resource;
    return nullptr;
}

const SampleCatalog::Resource *SampleCatalog::find(std::string_view name) const {
    for (const auto &resource : resources_)
        if (resource.path == name) return &resource;
    return nullptr;
}

CatalogRoute SampleCatalog::route(std::string_view method, std::string_view path) const {
    const auto [name, code] = split_path(path);
    const Resource *resource = find(name);
    CatalogRoute route;
    if (resource == nullptr || code.find('/') != std::string_view::npos) return route;
    route.known = true;
    route.methods[route.method_count++] = "GET";
    if (resource->editable) route.methods[route.method_count++] = code.empty() ? "POST" : "PATCH";
    const auto &permission =
        method == "GET" || method == "HEAD" ? resource->list_permission : resource->edit_permission;
    route.permission = permission ? &*permission : nullptr;
    return route;
}

Response SampleCatalog::handle(const Request &request) {
    const auto [name, code_view] = split_path(request.path);
    const std::lock_guard lock(mutex_);
    Resource &resource = *find(name);
    if (request.method == "GET" && code_view.empty()) {
        if (resource.list_body.empty()) {
            boost::json::array list;
            for (const auto &[key, item] : resource.items) list.push_back(item);
            resource.list_body = boost::json::serialize(boost::json::object{
                {"_links", {{"self", {{"href", std::string(api_root) + "/" + std::string(name)}}}}},
                {"current_page", 1},
                {"_embedded", {{"items", list}}}});
        }
        return json_body(200, resource.list_body);
    }
    const std::string code(code_view);
    if (request.method == "GET") {
        const auto found = resource.items.find(code);
        if (found == resource.items.end())
            return json_message(404, "Resource \"" + code + "\" does not exist.");
        return json_body(200, found->second);
    }
    boost::system::error_code ec;
    boost::json::value body = boost::json::parse(request.body, ec);
    if (ec || !body.is_object()) return json_message(400, "Invalid json message received");
    auto &object = body.as_object();
    if (request.method == "POST") {
        const auto *key = object.if_contains(resource.key);
        if (key == nullptr || !key->is_string() || key->as_string().empty())
            return json_message(422, "Property \"" + resource.key + "\" is required.");
        const std::string new_code(key->as_string());
        if (resource.items.count(new_code) > 0)
            return json_message(422, "The " + resource.key + " \"" + new_code + "\" is already used.");
        resource.items.emplace(new_code, object);
        resource.list_body.clear();
        Response created;
        created.status = 201;
        created.headers.emplace_back("Location",
                                     std::string(api_root) + "/" + std::string(name) + "/" + new_code);
        return created;
    }
    object[resource.key] = code;  // PATCH: create or update
    const bool existed = resource.items.count(code) > 0;
    if (existed)
        for (const auto &member : object) resource.items[code][member.key()] = member.value();
    else
        resource.items.emplace(code, object);
    resource.list_body.clear();
    Response done;
    done.status = existed ? 204 : 201;
    done.headers.emplace_back("Location", std::string(api_root) + "/" + std::string(name) + "/" + code);
    return done;
}

Response SampleCatalog::endpoint_list(const Request &request) const {
    boost::json::object routes;
    for (const auto &resource : resources_) {
        const std::string base = std::string(api_root) + "/" + resource.path;
        routes[resource.path + "_list"] = {{"route", base}, {"methods", {"GET"}}};
        routes[resource.path + "_get"] = {{"route", base + "/{code}"}, {"methods", {"GET"}}};
        if (resource.editable) {
            routes[resource.path + "_create"] = {{"route", base}, {"methods", {"POST"}}};
            routes[resource.path + "_partial_update"] = {{"route", base + "/{code}"}, {"methods", {"PATCH"}}};
        }
    }
    const std::string_view *host = request.header("Host");
    return json_body(
        200, boost::json::object{
                 {"host", host != nullptr ? "http://" + std::string(*host) : std::string()},
                 {"authentication",
                  {{"fos_oauth_server_token", {{"route", "/api/oauth/v1/token"}, {"methods", {"POST"}}}}}},
                 {"routes", routes}});
}

}  // namespace pim::host
