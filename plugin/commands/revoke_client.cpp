// pim:oauth-server:revoke-client (console-commands.md §2.3)
#include "app/client_service.hpp"
#include "commands/commands.hpp"

#include <boost/json.hpp>

namespace pim {
namespace {

constexpr int not_found_exit_code = 255;  // the reference returns -1
const std::string not_found_message = "No client found for this id.";

class RevokeClient final : public Command {
public:
    [[nodiscard]] const CommandSpec &spec() const override {
        static const CommandSpec spec{"pim:oauth-server:revoke-client",
                                      "This command revokes a pair of client id / secret",
                                      {},
                                      {{"client_id", ArgumentSpec::Mode::required, "The client id"}},
                                      {}};
        return spec;
    }

    int execute(CommandContext &context) const override {
        Console &console = context.console;
        const std::string public_id = *context.input.argument("client_id");
        ClientService clients(context.app.database(), context.app.keys());
        try {
            if (!clients.find(public_id)) throw NotFoundError(not_found_message);
            if (!console.confirm(
                    "This operation is irreversible. Are you sure you want to revoke this client? (Y/n)")) {
                console.line("Client revocation cancelled.");
                return 0;
            }
            const Client client = clients.revoke(public_id, not_found_message);
            if (console.json()) {
                write_json(console, boost::json::object{{"client_id", client.public_id()},
                                                        {"label", client.label},
                                                        {"revoked", true}});
                return 0;
            }
            console.line("Client with public id " + console.styled(Style::info, client.public_id()) +
                         " and secret " + console.styled(Style::info, client.secret) + " has been revoked.");
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
};

}  // namespace

std::unique_ptr<Command> make_revoke_client() {
    return std::make_unique<RevokeClient>();
}

}  // namespace pim
