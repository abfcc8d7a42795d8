// pim:role:create, pim:role:list, pim:role:grant, pim:role:deny
// (console-commands.md §3.3–3.5)
#include "app/json_views.hpp"
#include "app/role_service.hpp"
#include "commands/commands.hpp"

#include <boost/json.hpp>

namespace pim {
namespace {

class RoleCreate final : public Command {
public:
    [[nodiscard]] const CommandSpec &spec() const override {
        static const CommandSpec spec{
            "pim:role:create",
            "Creates a role",
            {},
            {{"label", ArgumentSpec::Mode::required, "The role label; the code is derived from it"}},
            {}};
        return spec;
    }

    int execute(CommandContext &context) const override {
        const Role role =
            RoleService(context.app.database()).create(*context.input.argument("label"), {}, {});
        if (context.console.json()) {
            write_json(context.console, role_json(role));
            return 0;
        }
        context.console.line("Role \"" + role.label + "\" has been created with code " +
                             context.console.styled(Style::info, role.code) + ".");
        return 0;
    }
};

class RoleList final : public Command {
public:
    [[nodiscard]] const CommandSpec &spec() const override {
        static const CommandSpec spec{"pim:role:list", "Lists the roles", {}, {}, {}};
        return spec;
    }

    int execute(CommandContext &context) const override {
        const auto roles = RoleService(context.app.database()).list();
        if (context.console.json()) {
            boost::json::array list;
            for (const auto &role : roles) list.push_back(role_json(role));
            write_json(context.console, boost::json::object{{"roles", list}});
            return 0;
        }
        if (roles.empty()) {
            context.console.line("No role is currently registered.");
            return 0;
        }
        std::vector<std::vector<std::string>> rows;
        rows.reserve(roles.size());
        for (const auto &role : roles)
            rows.push_back({role.code, role.label, std::to_string(role.permissions.size()),
                            std::to_string(role.users.size())});
        print_table(context.console, {"code", "label", "permissions", "users"}, rows);
        return 0;
    }
};

// pim:role:grant and pim:role:deny differ only in direction and wording.
class RolePermissions final : public Command {
public:
    explicit RolePermissions(bool granting) : granting_(granting) {}

    [[nodiscard]] const CommandSpec &spec() const override {
        static const CommandSpec grant{
            "pim:role:grant",
            "Grants Web API permissions to a role",
            {},
            {{"role", ArgumentSpec::Mode::required, "The role code or label"},
             {"acl-id", ArgumentSpec::Mode::required_list, "Web API permission ids (pim:acl:list)"}},
            {}};
        static const CommandSpec deny{
            "pim:role:deny",
            "Removes Web API permissions from a role",
            {},
            {{"role", ArgumentSpec::Mode::required, "The role code or label"},
             {"acl-id", ArgumentSpec::Mode::required_list, "Web API permission ids (pim:acl:list)"}},
            {}};
        return granting_ ? grant : deny;
    }

    int execute(CommandContext &context) const override {
        RoleService roles(context.app.database());
        const auto role = *context.input.argument("role");
        const auto ids = context.input.arguments("acl-id");
        const auto [updated, changes] = granting_ ? roles.grant(role, ids) : roles.deny(role, ids);
        if (context.console.json()) {
            write_json(context.console, role_json(updated));
            return 0;
        }
        for (const auto &[id, changed] : changes) {
            if (granting_)
                context.console.line(changed ? "Granted " + id + " to " + updated.code + "."
                                             : updated.code + " already has " + id + ".");
            else
                context.console.line(changed ? "Removed " + id + " from " + updated.code + "."
                                             : updated.code + " does not have " + id + ".");
        }
        return 0;
    }

private:
    bool granting_;
};

}  // namespace

std::unique_ptr<Command> make_role_create() {
    return std::make_unique<RoleCreate>();
}
std::unique_ptr<Command> make_role_list() {
    return std::make_unique<RoleList>();
}
std::unique_ptr<Command> make_role_grant() {
    return std::make_unique<RolePermissions>(true);
}
std::unique_ptr<Command> make_role_deny() {
    return std::make_unique<RolePermissions>(false);
}

}  // namespace pim
