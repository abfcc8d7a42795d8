// pim:acl:list (console-commands.md §3.8)
#include "app/json_views.hpp"
#include "commands/commands.hpp"

#include <boost/json.hpp>

namespace pim {
namespace {

class AclList final : public Command {
public:
    [[nodiscard]] const CommandSpec &spec() const override {
        static const CommandSpec spec{"pim:acl:list", "Lists the Web API permissions", {}, {}, {}};
        return spec;
    }

    int execute(CommandContext &context) const override {
        if (context.console.json()) {
            boost::json::array permissions;
            for (const auto &permission : permission_catalogue)
                permissions.push_back(permission_json(permission));
            write_json(context.console, boost::json::object{{"permissions", permissions}});
            return 0;
        }
        std::vector<std::vector<std::string>> rows;
        rows.reserve(permission_catalogue.size());
        for (const auto &p : permission_catalogue)
            rows.push_back({std::string(p.id), std::string(p.label), std::string(p.group)});
        print_table(context.console, {"id", "label", "group"}, rows);
        return 0;
    }
};

}  // namespace

std::unique_ptr<Command> make_acl_list() {
    return std::make_unique<AclList>();
}

}  // namespace pim
