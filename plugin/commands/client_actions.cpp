// pim:oauth-server:revoke-client (console-commands.md §2.3) and
// pim:oauth-server:regenerate-secret (§3.1; --keep-previous-for is ours,
// docs/connection-monitoring.md): find the client, confirm, act.
#include "app/client_service.hpp"
#include "commands/commands.hpp"
#include "domain/duration.hpp"

#include <functional>

#include <boost/json.hpp>

namespace pim {
namespace {

constexpr int not_found_exit_code = 255;  // the reference returns -1
const std::string not_found_message = "No client found for this id.";

struct ClientAction {
    CommandSpec spec;
    std::string question;
    std::string cancelled;
    // Checks the input before anything is asked, returns the action.
    std::function<std::function<Client(ClientService &, const std::string &)>(const Input &)> prepare;
    void (*report)(Console &, const Client &);
};

std::function<Client(ClientService &, const std::string &)> revoke_action(const Input &input) {
    const std::string public_id = *input.argument("client_id");
    return [public_id](ClientService &clients, const std::string &not_found) {
        return clients.revoke(public_id, not_found);
    };
}

// Without --keep-previous-for the old secret and its tokens die at once.
std::function<Client(ClientService &, const std::string &)> regenerate_action(const Input &input) {
    const std::string public_id = *input.argument("client_id");
    const auto keep = input.option("keep-previous-for");
    if (!keep)
        return [public_id](ClientService &clients, const std::string &not_found) {
            return clients.regenerate_secret(public_id, not_found);
        };
    const auto seconds = parse_duration(*keep);
    if (!seconds)
        throw InvalidInput("Invalid --keep-previous-for \"" + *keep + "\": expected " +
                           std::string(duration_format_hint) + ".");
    return [public_id, keep_for = *seconds](ClientService &clients, const std::string &not_found) {
        return clients.rotate_secret(public_id, keep_for, not_found);
    };
}

void report_revoked(Console &console, const Client &client) {
    if (console.json()) {
        write_json(console,
                   boost::json::object{
                       {"client_id", client.public_id()}, {"label", client.label}, {"revoked", true}});
        return;
    }
    console.line("Client with public id " + console.styled(Style::info, client.public_id()) + " and secret " +
                 console.styled(Style::info, client.secret) + " has been revoked.");
}

void report_regenerated(Console &console, const Client &client) {
    const bool kept = client.previous_secret.has_value();
    if (console.json()) {
        boost::json::object document{
            {"client_id", client.public_id()}, {"secret", client.secret}, {"label", client.label}};
        if (kept) document["previous_secret_valid_until"] = client.previous_secret_expires_at;
        write_json(console, document);
        return;
    }
    console.line("A new secret has been generated.");
    console.line("client_id: " + console.styled(Style::info, client.public_id()));
    console.line("secret: " + console.styled(Style::info, client.secret));
    console.line("label: " + console.styled(Style::info, client.label));
    if (kept)
        console.line("previous secret valid until: " +
                     console.styled(Style::info, utc_timestamp(client.previous_secret_expires_at)));
}

class ConfirmedClientCommand final : public Command {
public:
    explicit ConfirmedClientCommand(ClientAction action) : action_(std::move(action)) {}

    [[nodiscard]] const CommandSpec &spec() const override { return action_.spec; }

    int execute(CommandContext &context) const override {
        Console &console = context.console;
        const std::string public_id = *context.input.argument("client_id");
        const auto perform = action_.prepare(context.input);
        ClientService clients(context.app.database(), context.app.settings());
        try {
            if (!clients.find(public_id)) throw NotFoundError(not_found_message);
            if (!console.confirm(action_.question)) {
                console.line(action_.cancelled);
                return 0;
            }
            action_.report(console, perform(clients, not_found_message));
            return 0;
        } catch (const NotFoundError &error) {
            report_not_found(console, error);
            return not_found_exit_code;
        }
    }

private:
    // The reference writes this one to stdout, framed in red on a terminal.
    static void report_not_found(Console &console, const NotFoundError &error) {
        if (console.json())
            console.json_document(error_json(error));
        else if (!console.quiet())
            console.write(PIM_STDOUT, console.styled(Style::error, error.what()) + "\n");
    }

    ClientAction action_;
};

const ArgumentSpec client_id_argument{"client_id", ArgumentSpec::Mode::required, "The client id"};
// console-commands.md §2.3: the argument's help names what is done with it.
const ArgumentSpec revoked_client_id_argument{"client_id", ArgumentSpec::Mode::required,
                                              "The client id to revoke."};

}  // namespace

std::unique_ptr<Command> make_revoke_client() {
    return std::make_unique<ConfirmedClientCommand>(
        ClientAction{{"pim:oauth-server:revoke-client",
                      "This command revokes a pair of client id / secret",
                      {},
                      {revoked_client_id_argument},
                      {}},
                     "This operation is irreversible. Are you sure you want to revoke this client? (Y/n)",
                     "Client revocation cancelled.",
                     revoke_action,
                     report_revoked});
}

std::unique_ptr<Command> make_regenerate_secret() {
    return std::make_unique<ConfirmedClientCommand>(
        ClientAction{{"pim:oauth-server:regenerate-secret",
                      "Generates a new secret for a client and revokes all its tokens",
                      {},
                      {client_id_argument},
                      {{"keep-previous-for", OptionSpec::Value::required, false,
                        "Keep the previous secret and the tokens valid for this long (e.g. 7d, 12h)"}}},
                     "This operation is irreversible. Are you sure you want to regenerate the secret of this "
                     "client? (Y/n)",
                     "Secret regeneration cancelled.",
                     regenerate_action,
                     report_regenerated});
}

}  // namespace pim
