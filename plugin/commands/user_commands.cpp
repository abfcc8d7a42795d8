// pim:user:list and pim:user:add-role (console-commands.md §3.6–3.7)
#include "app/json_views.hpp"
#include "app/user_service.hpp"
#include "commands/commands.hpp"

#include <boost/json.hpp>

namespace pim {
namespace {

std::string joined(const std::vector<std::string> &values) {
    std::string out;
    for (const auto &value : values) out += (out.empty() ? "" : ", ") + value;
    return out;
}

class UserList final : public Command {
public:
    [[nodiscard]] const CommandSpec &spec() const override {
        static const CommandSpec spec{"pim:user:list", "Lists the users", {}, {}, {}};
        return spec;
    }

    int execute(CommandContext &context) const override {
        const auto users = UserService(context.app.database(), context.app.settings().password).list();
        if (context.console.json()) {
            boost::json::array list;
            for (const auto &user : users) {
                boost::json::object entry = user_json(user);
                entry["last_used_at"] = timestamp_json(user.last_used_at);
                list.push_back(entry);
            }
            write_json(context.console, boost::json::object{{"users", list}});
            return 0;
        }
        if (users.empty()) {
            context.console.line("No user is currently registered.");
            return 0;
        }
        std::vector<std::vector<std::string>> rows;
        rows.reserve(users.size());
        for (const auto &user : users)
            rows.push_back(
                {user.username, user.email, user.type, user.enabled ? "yes" : "no", joined(user.roles)});
        print_table(context.console, {"username", "email", "type", "enabled", "roles"}, rows);
        return 0;
    }
};

class UserAddRole final : public Command {
public:
    [[nodiscard]] const CommandSpec &spec() const override {
        static const CommandSpec spec{"pim:user:add-role",
                                      "Adds a role to a user",
                                      {},
                                      {{"username", ArgumentSpec::Mode::required, "The username"},
                                       {"role", ArgumentSpec::Mode::required, "The role code or label"}},
                                      {}};
        return spec;
    }

    int execute(CommandContext &context) const override {
        UserService users(context.app.database(), context.app.settings().password);
        const auto result =
            users.add_role(*context.input.argument("username"), *context.input.argument("role"));
        if (context.console.json()) {
            write_json(context.console, user_json(result.user));
            return 0;
        }
        const std::string &username = result.user.username;
        context.console.line(result.added
                                 ? "Role " + result.role_code + " has been added to user " + username + "."
                                 : "User " + username + " already has role " + result.role_code + ".");
        return 0;
    }
};

}  // namespace

std::unique_ptr<Command> make_user_list() {
    return std::make_unique<UserList>();
}
std::unique_ptr<Command> make_user_add_role() {
    return std::make_unique<UserAddRole>();
}

}  // namespace pim
