// A sample catalog API of the host, in memory, for development: currencies,
// locales, channels, categories, attributes, families, association types and
// products, each guarded by the Web API permission permissions.md §2.1 names.
#pragma once

#include "server/http_types.hpp"

#include <boost/json/object.hpp>

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace pim::host {

struct CatalogRoute {
    bool known = false;                        // a path of the sample API
    std::vector<std::string> allowed_methods;  // on that path
    std::optional<std::string> permission;     // needed on top of overall access
};

class SampleCatalog {
public:
    SampleCatalog();

    // What `method path` needs (also for unknown paths: overall access only).
    [[nodiscard]] CatalogRoute route(const std::string &method, const std::string &path) const;
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
        std::map<std::string, boost::json::object> items;
    };

    Resource *find(const std::string &name);
    [[nodiscard]] const Resource *find(const std::string &name) const;

    std::mutex mutex_;
    std::vector<Resource> resources_;
};

}  // namespace pim::host
