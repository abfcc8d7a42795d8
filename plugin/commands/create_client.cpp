// pim:oauth-server:create-client (console-commands.md §2.1)
#include "app/client_service.hpp"
#include "app/json_views.hpp"
#include "commands/commands.hpp"

#include <algorithm>

namespace pim {
namespace {

class CreateClient final : public Command {
public:
    [[nodiscard]] const CommandSpec &spec() const override {
        static const CommandSpec spec{
            "pim:oauth-server:create-client",
            "Creates a new pair of client id / secret for the web API",
            {},
            {{"label", ArgumentSpec::Mode::optional, "The client label"}},
            {{"label", OptionSpec::Value::required, false, "Sets the client label"},
             {"grant_type", OptionSpec::Value::required, true, "Sets allowed grant type for client."},
             {"redirect_uri", OptionSpec::Value::required, true, "Sets redirect uri for client."}}};
        return spec;
    }

    int execute(CommandContext &context) const override {
        NewClient request;
        request.label = label(context.input);
        if (auto violations = label_violations(request.label, "label"); !violations.empty())
            throw ValidationError(std::move(violations));
        if (context.input.has_option("grant_type")) request.grant_types = grant_types(context.input);
        request.redirect_uris = context.input.options("redirect_uri");

        const Client client = ClientService(context.app.database(), context.app.settings()).create(request);
        if (context.console.json()) {
            write_json(context.console, client_json(client));
            return 0;
        }
        Console &out = context.console;
        out.line("A new client has been added.");
        out.line("client_id: " + out.styled(Style::info, client.public_id()));
        out.line("secret: " + out.styled(Style::info, client.secret));
        out.line("label: " + out.styled(Style::info, client.label));
        return 0;
    }

private:
    // Reference 2.0+ takes an argument, 1.7 an option: both are accepted.
    static std::string label(const Input &input) {
        const auto argument = input.argument("label");
        const auto option = input.option("label");
        if (!argument && !option) throw UsageError("Not enough arguments (missing: \"label\").");
        if (argument && option && *argument != *option)
            throw InvalidInput("The label was given twice with different values: \"" + *argument +
                               "\" and --label=\"" + *option + "\". Give it only once.");
        return argument ? *argument : *option;
    }

    static std::vector<GrantType> grant_types(const Input &input) {
        std::vector<GrantType> types;
        for (const auto &value : input.options("grant_type")) {
            const auto type = parse_grant_type(value);
            if (!type)
                throw InvalidInput("Invalid grant type \"" + value +
                                   "\". Allowed grant types: " + std::string(allowed_grant_types_text) + ".");
            if (std::find(types.begin(), types.end(), *type) == types.end()) types.push_back(*type);
        }
        return types;
    }
};

}  // namespace

std::unique_ptr<Command> make_create_client() {
    return std::make_unique<CreateClient>();
}

}  // namespace pim
