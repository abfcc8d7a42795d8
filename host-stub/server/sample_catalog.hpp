// A sample catalog API of the host, in memory, for development: currencies,
// locales, channels, categories, attributes, families, association types and
// products, each guarded by the Web API permission permissions.md §2.1 names.
#pragma once

#include "server/http_types.hpp"

#include <boost/json/object.hpp>

#include <array>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pim::host {

struct CatalogRoute {
    bool known = false;  // a path of the sample API
    // On that path: GET, and POST or PATCH where the resource is editable.
    std::array<std::string_view, 2> methods{};
    std::size_t method_count = 0;
    const std::string *permission = nullptr;  // needed on top of overall access; nullptr: none

    [[nodiscard]] std::span<const std::string_view> allowed_methods() const {
        return {methods.data(), method_count};
    }
};

class SampleCatalog {
public:
    SampleCatalog();

    // What `method path` needs (also for unknown paths: overall access only).
    [[nodiscard]] CatalogRoute route(std::string_view method, std::string_view path) const;
    // Serves an authenticated request of a known path with an allowed method.
    Response handle(const Request &request);
    // GET /api/rest/v1: the endpoint list, no token needed.
    [[nodiscard]] Response endpoint_list(const Request &request) const;

private:
    struct Resource {
        std::string path;  // "currencies"
        std::string key;   // "code", or "identifier" for products
        std::optional<std::string> list_permission, edit_permission;
        bool editable = true;
        std::map<std::string, boost::json::object, std::less<>> items;
        // The answer to GET on the list, serialized once; empty: to build
        // (again, after a POST or PATCH).
        std::string list_body;
    };

    Resource *find(std::string_view name);
    [[nodiscard]] const Resource *find(std::string_view name) const;

    std::mutex mutex_;
    std::vector<Resource> resources_;
};

}  // namespace pim::host
