// acl.list (admin-hooks.md §3.1)
#include "hooks/hooks.hpp"

#include "app/json_views.hpp"

#include <boost/json.hpp>

namespace pim {

HookResponse acl_list(HookContext &context) {
    context.request.finish_decoding();
    boost::json::array permissions;
    for (const auto &permission : permission_catalogue) permissions.push_back(permission_json(permission));
    return {200, boost::json::object{{"permissions", permissions}}};
}

}  // namespace pim
