// pim:oauth-server:audit <client_id> (ours, docs/connection-monitoring.md):
// last use, counts per hour and day, security events of a client.
#include "app/audit_service.hpp"
#include "commands/audit_report.hpp"
#include "commands/commands.hpp"

namespace pim {
namespace {

class ClientAudit final : public Command {
public:
    [[nodiscard]] const CommandSpec &spec() const override {
        static const CommandSpec spec{
            "pim:oauth-server:audit",
            "Shows a client's last use, its calls per hour and day, and its security events",
            {},
            {{"client_id", ArgumentSpec::Mode::required, "The client id"}},
            {}};
        return spec;
    }

    int execute(CommandContext &context) const override {
        const std::string client_id = *context.input.argument("client_id");
        const Audit audit = AuditService(context.app.database(), context.app.settings())
                                .of_client(client_id, "No client found for this id.");
        if (context.console.json())
            write_json(context.console, audit_json(audit));
        else
            print_audit(context.console, audit);
        return 0;
    }
};

}  // namespace

std::unique_ptr<Command> make_client_audit() {
    return std::make_unique<ClientAudit>();
}

}  // namespace pim
