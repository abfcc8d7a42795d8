// user.create, user.list, user.update, user.delete (admin-hooks.md §3.6–3.9)
#include "hooks/hooks.hpp"

#include "app/json_views.hpp"
#include "app/user_service.hpp"

#include <boost/json.hpp>

namespace pim {
namespace {

UserService users(HookContext &context) {
    return UserService(context.db(), context.app.settings());
}

}  // namespace

HookResponse user_create(HookContext &context) {
    auto &request = context.request;
    NewUser user;
    const auto username = request.string("username", true);
    const auto password = request.string("password", true);
    const auto email = request.string("email", true);
    const auto first_name = request.string("first_name", true);
    const auto last_name = request.string("last_name", true);
    const auto ui_locale = request.string("ui_locale", false);
    const auto enabled = request.boolean("enabled", false);
    const auto roles = request.strings("roles", false);
    request.finish_decoding();
    user.profile.username = *username;
    user.password = *password;
    user.profile.email = *email;
    user.profile.first_name = *first_name;
    user.profile.last_name = *last_name;
    user.profile.ui_locale = ui_locale.value_or("en_US");
    user.profile.enabled = enabled.value_or(true);
    if (roles) user.roles = *roles;
    return {201, user_json(users(context).create(user))};
}

HookResponse user_list(HookContext &context) {
    context.request.finish_decoding();
    boost::json::array list;
    for (const auto &user : users(context).list()) list.push_back(user_json(user));
    return {200, boost::json::object{{"users", list}}};
}

HookResponse user_update(HookContext &context) {
    auto &request = context.request;
    const auto username = request.string("username", true);
    UserChanges changes;
    changes.email = request.string("email", false);
    changes.first_name = request.string("first_name", false);
    changes.last_name = request.string("last_name", false);
    changes.ui_locale = request.string("ui_locale", false);
    changes.enabled = request.boolean("enabled", false);
    changes.password = request.string("password", false);
    changes.roles = request.strings("roles", false);
    request.finish_decoding();
    return {200, user_json(users(context).update(*username, changes))};
}

HookResponse user_delete(HookContext &context) {
    const auto username = context.request.string("username", true);
    context.request.finish_decoding();
    users(context).remove(*username);
    return {204, nullptr};
}

}  // namespace pim
