// pim:connection:audit <code> (ours, docs/connection-monitoring.md): last use,
// counts per hour and day, security events of a connection.
#include "app/audit_service.hpp"
#include "commands/audit_report.hpp"
#include "commands/commands.hpp"

namespace pim {
namespace {

class ConnectionAudit final : public Command {
public:
    [[nodiscard]] const CommandSpec &spec() const override {
        static const CommandSpec spec{
            "pim:connection:audit",
            "Shows a connection's last use, its calls per hour and day, and its security events",
            {},
            {{"code", ArgumentSpec::Mode::required, "The connection code"}},
            {}};
        return spec;
    }

    int execute(CommandContext &context) const override {
        const std::string code = *context.input.argument("code");
        const Audit audit = AuditService(context.app.database(), context.app.settings())
                                .of_connection(code, "No connection found for the code \"" + code + "\".");
        if (context.console.json())
            write_json(context.console, audit_json(audit));
        else
            print_audit(context.console, audit);
        return 0;
    }
};

}  // namespace

std::unique_ptr<Command> make_connection_audit() {
    return std::make_unique<ConnectionAudit>();
}

}  // namespace pim
