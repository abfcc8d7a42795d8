// pim:oauth-server:list-clients (console-commands.md §2.2)
#include "app/client_service.hpp"
#include "app/json_views.hpp"
#include "commands/commands.hpp"

#include <boost/json.hpp>

namespace pim {
namespace {

class ListClients final : public Command {
public:
    [[nodiscard]] const CommandSpec &spec() const override {
        static const CommandSpec spec{"pim:oauth-server:list-clients",
                                      "Lists all existing pairs of client id / secret for the web API",
                                      {},
                                      {},
                                      {}};
        return spec;
    }

    int execute(CommandContext &context) const override {
        const auto clients = ClientService(context.app.database(), context.app.keys()).list();
        if (context.console.json()) {
            boost::json::array list;
            for (const auto &client : clients) list.push_back(client_json(client));
            write_json(context.console, boost::json::object{{"clients", list}});
            return 0;
        }
        if (clients.empty()) {
            context.console.line("No client is currently registered.");
            return 0;
        }
        std::vector<std::vector<std::string>> rows;
        rows.reserve(clients.size());
        for (const auto &client : clients) rows.push_back({client.public_id(), client.secret, client.label});
        print_table(context.console, {"client id", "secret", "label"}, rows);
        return 0;
    }
};

}  // namespace

std::unique_ptr<Command> make_list_clients() {
    return std::make_unique<ListClients>();
}

}  // namespace pim
