// pim:oauth-server:allow-introspect <client_id> [--deny]: whether a
// client may call POST /api/oauth/v1/introspect (RFC 7662; off by default).
#include "app/client_service.hpp"
#include "commands/commands.hpp"

#include <boost/json.hpp>

namespace pim {
namespace {

constexpr int not_found_exit_code = 255;  // as revoke-client and regenerate-secret
const std::string not_found_message = "No client found for this id.";

class AllowIntrospectionCommand final : public Command {
public:
    [[nodiscard]] const CommandSpec &spec() const override { return spec_; }

    int execute(CommandContext &context) const override {
        Console &console = context.console;
        const std::string public_id = *context.input.argument("client_id");
        const bool allowed = !context.input.has_option("deny");
        ClientService clients(context.app.database(), context.app.keys());
        try {
            const Client client = clients.set_introspection(public_id, allowed, not_found_message);
            if (console.json()) {
                write_json(console,
                           boost::json::object{{"client_id", client.public_id()}, {"introspect", allowed}});
            } else {
                console.line("Client " + console.styled(Style::info, client.public_id()) +
                             (allowed ? " may now introspect tokens." : " may no longer introspect tokens."));
            }
            return 0;
        } catch (const NotFoundError &error) {
            if (console.json())
                console.json_document(error_json(error));
            else if (!console.quiet())
                console.write(PIM_STDOUT, console.styled(Style::error, error.what()) + "\n");
            return not_found_exit_code;
        }
    }

private:
    CommandSpec spec_{"pim:oauth-server:allow-introspect",
                      "Allows a client to introspect tokens (RFC 7662), or denies it with --deny",
                      {},
                      {{"client_id", ArgumentSpec::Mode::required, "The client id"}},
                      {{"deny", OptionSpec::Value::none, false, "Deny introspection instead"}}};
};

}  // namespace

std::unique_ptr<Command> make_allow_introspection() {
    return std::make_unique<AllowIntrospectionCommand>();
}

}  // namespace pim
