// role.create, role.list, role.update, role.delete (admin-hooks.md §3.2–3.5)
#include "hooks/hooks.hpp"

#include "app/json_views.hpp"
#include "app/role_service.hpp"

#include <boost/json.hpp>

namespace pim {

HookResponse role_create(HookContext &context) {
    auto &request = context.request;
    const auto label = request.string("label", true);
    const auto permissions = request.strings("permissions", false);
    const auto users = request.strings("users", false);
    request.finish_decoding();
    const Role role = RoleService(context.db())
                          .create(*label, permissions.value_or(std::vector<std::string>{}),
                                  users.value_or(std::vector<std::string>{}));
    return {201, role_json(role)};
}

HookResponse role_list(HookContext &context) {
    context.request.finish_decoding();
    boost::json::array roles;
    for (const auto &role : RoleService(context.db()).list()) roles.push_back(role_json(role));
    return {200, boost::json::object{{"roles", roles}}};
}

HookResponse role_update(HookContext &context) {
    auto &request = context.request;
    const auto code = request.string("code", true);
    RoleChanges changes;
    changes.label = request.string("label", false);
    changes.permissions = request.strings("permissions", false);
    changes.users = request.strings("users", false);
    request.finish_decoding();
    return {200, role_json(RoleService(context.db()).update(*code, changes))};
}

HookResponse role_delete(HookContext &context) {
    const auto code = context.request.string("code", true);
    context.request.finish_decoding();
    RoleService(context.db()).remove(*code);
    return {204, nullptr};
}

}  // namespace pim
