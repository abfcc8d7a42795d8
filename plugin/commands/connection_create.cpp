// pim:connection:create (console-commands.md §3.2)
#include "app/connection_service.hpp"
#include "commands/commands.hpp"

#include <boost/json.hpp>

namespace pim {
namespace {

class ConnectionCreate final : public Command {
public:
    [[nodiscard]] const CommandSpec &spec() const override {
        static const CommandSpec spec{
            "pim:connection:create",
            "Creates a connection: an API user, its role and a client",
            {},
            {{"code", ArgumentSpec::Mode::required,
              "The connection code: 3 to 100 letters, digits or underscores"}},
            {{"label", OptionSpec::Value::required, false, "The label [default: the code]"},
             {"flow-type", OptionSpec::Value::required, false,
              "data_source, data_destination or other [default: \"other\"]"},
             {"auditable", OptionSpec::Value::optional, false,
              "Whether the connection is audited (yes/no) [default: \"no\"]"},
             {"role", OptionSpec::Value::required, false,
              "The API user's role [default: \"ROLE_API_CONNECTION\"]"},
             {"client-credentials", OptionSpec::Value::none, false,
              "The client may also use client_credentials, acting as the connection's user"}}};
        return spec;
    }

    int execute(CommandContext &context) const override {
        const Input &input = context.input;
        ConnectionRequest request;
        request.code = *input.argument("code");
        request.label = input.option("label");
        request.flow_type = input.option("flow-type").value_or("other");
        request.role = input.option("role");
        request.client_credentials = input.has_option("client-credentials");
        if (input.has_option("auditable")) {
            const auto auditable = parse_auditable(*input.option("auditable"));
            if (!auditable)
                throw ValidationError(
                    std::vector<Violation>{{"auditable", "The value you selected is not a valid choice."}});
            request.auditable = *auditable;
        }
        const auto created =
            ConnectionService(context.app.database(), context.app.keys(), context.app.settings().password)
                .create(request);
        Console &console = context.console;
        if (!created.role_has_overall_access)
            console.error_line(
                "Warning: role " + created.role_code +
                " does not grant pim_api_overall_access; API calls with these credentials will get 403.");
        if (console.json()) {
            write_json(console, boost::json::object{{"code", created.connection.code},
                                                    {"label", created.connection.label},
                                                    {"flow_type", created.connection.flow_type},
                                                    {"client_id", created.client.public_id()},
                                                    {"secret", created.client.secret},
                                                    {"username", created.username},
                                                    {"password", created.password},
                                                    {"auditable", created.connection.auditable}});
            return 0;
        }
        console.line("A new connection has been created with the following settings:");
        console.line("Code: " + created.connection.code);
        console.line("Client ID: " + console.styled(Style::info, created.client.public_id()));
        console.line("Secret: " + console.styled(Style::info, created.client.secret));
        console.line("Username: " + console.styled(Style::info, created.username));
        console.line("Password: " + console.styled(Style::info, created.password));
        console.line(std::string("Auditable: ") + (created.connection.auditable ? "yes" : "no"));
        return 0;
    }
};

}  // namespace

std::unique_ptr<Command> make_connection_create() {
    return std::make_unique<ConnectionCreate>();
}

}  // namespace pim
