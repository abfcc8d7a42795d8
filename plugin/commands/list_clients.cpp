// pim:oauth-server:list-clients (console-commands.md §2.2); --unused-since and
// the JSON last_used_at are ours (docs/connection-monitoring.md).
#include "app/client_service.hpp"
#include "app/json_views.hpp"
#include "commands/commands.hpp"
#include "domain/duration.hpp"

#include <boost/json.hpp>

namespace pim {
namespace {

class ListClients final : public Command {
public:
    [[nodiscard]] const CommandSpec &spec() const override {
        static const CommandSpec spec{
            "pim:oauth-server:list-clients",
            "Lists all existing pairs of client id / secret for the web API",
            {},
            {},
            {{"unused-since", OptionSpec::Value::required, false,
              "Only clients neither used nor created for this long (e.g. 90d): candidates for revocation"}}};
        return spec;
    }

    int execute(CommandContext &context) const override {
        ClientService service(context.app.database(), context.app.settings());
        const auto clients =
            unused_filter(context.input) ? service.unused_for(*unused_filter(context.input)) : service.list();
        if (context.console.json()) {
            boost::json::array list;
            for (const auto &client : clients) {
                boost::json::object entry = client_json(client);
                entry["last_used_at"] = timestamp_json(client.last_used_at);
                list.push_back(entry);
            }
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

private:
    // The --unused-since duration in seconds; InvalidInput when malformed.
    static std::optional<std::int64_t> unused_filter(const Input &input) {
        const auto text = input.option("unused-since");
        if (!text) return std::nullopt;
        const auto seconds = parse_duration(*text);
        if (!seconds)
            throw InvalidInput("Invalid --unused-since \"" + *text + "\": expected " +
                               std::string(duration_format_hint) + ".");
        return seconds;
    }
};

}  // namespace

std::unique_ptr<Command> make_list_clients() {
    return std::make_unique<ListClients>();
}

}  // namespace pim
