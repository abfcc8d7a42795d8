// pim:oauth-server:list-clients (console-commands.md §2.2); --unused-since and
// the JSON last_used_at are ours (docs/connection-monitoring.md).
#include "app/client_service.hpp"
#include "app/json_views.hpp"
#include "commands/commands.hpp"
#include "domain/duration.hpp"

#include <boost/json.hpp>

#include <algorithm>

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
        const auto unused = unused_filter(context.input);
        if (context.console.json()) {
            boost::json::array list;
            for (const auto &client : unused ? service.unused_for(*unused) : service.list()) {
                boost::json::object entry = client_json(client);
                entry["last_used_at"] = timestamp_json(client.last_used_at);
                list.push_back(entry);
            }
            write_json(context.console, boost::json::object{{"clients", list}});
            return 0;
        }
        // The table of every client reads only what it shows.
        print_clients(context.console, unused ? listings_of(service.unused_for(*unused)) : service.listing());
        return 0;
    }

private:
    static void print_clients(Console &console, const std::vector<ClientListing> &clients) {
        if (clients.empty()) return console.line("No client is currently registered.");
        // The public ids end to end in one string; the table takes views of it.
        std::string ids;
        std::vector<std::size_t> id_ends;
        id_ends.reserve(clients.size());
        for (const auto &client : clients) id_ends.push_back((ids += client.public_id()).size());
        print_table(console, {"client id", "secret", "label"}, clients.size(),
                    [&](std::size_t row, std::size_t column) -> std::string_view {
                        if (column == 1) return clients[row].secret;
                        if (column == 2) return clients[row].label;
                        const std::size_t start = row == 0 ? 0 : id_ends[row - 1];
                        return std::string_view(ids).substr(start, id_ends[row] - start);
                    });
    }

    static std::vector<ClientListing> listings_of(const std::vector<Client> &clients) {
        std::vector<ClientListing> listings(clients.size());
        std::transform(clients.begin(), clients.end(), listings.begin(), [](const Client &client) {
            return ClientListing{client.id, client.random_id, client.secret, client.label};
        });
        return listings;
    }

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
