// Where a request goes: a plugin route, the endpoint list, the sample
// catalog behind the plugin's bearer check, or 404 / 405 / 406.
#pragma once

#include "loader/registry.hpp"
#include "server/http_types.hpp"
#include "server/sample_catalog.hpp"

namespace pim::host {

// GET: the admin pages of every plugin, grouped by menu (JSON).
inline constexpr const char *admin_menu_path = "/admin/menu";

class Router {
public:
    Router(const Registry &registry, SampleCatalog &catalog) : registry_(registry), catalog_(catalog) {}
    Response handle(const Request &request) const;
    // The plugin route that answers `request` when its handler may block
    // (PIM_ROUTE_MAY_BLOCK): the caller runs it on the worker pool. nullptr
    // when `request` goes anywhere else.
    [[nodiscard]] const RouteEntry *may_block_route(const Request &request) const;

private:
    Response api(const Request &request) const;

    const Registry &registry_;
    SampleCatalog &catalog_;
};

}  // namespace pim::host
