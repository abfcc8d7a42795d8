// pim:db:migrate: applies the pending schema migrations (idempotent).
#include "app/maintenance_service.hpp"
#include "commands/commands.hpp"

#include <boost/json.hpp>

#include <iomanip>
#include <sstream>

namespace pim {
namespace {

std::string migration_label(const AppliedMigration &migration) {
    std::ostringstream text;
    text << std::setw(4) << std::setfill('0') << migration.version << "_" << migration.name;
    return text.str();
}

class DbMigrate final : public Command {
public:
    [[nodiscard]] const CommandSpec &spec() const override {
        static const CommandSpec spec{
            "pim:db:migrate", "Applies pending database schema migrations", {}, {}, {}};
        return spec;
    }

    int execute(CommandContext &context) const override {
        const MigrationReport report = MaintenanceService(context.app.unchecked_database()).migrate();
        const auto &applied = report.applied;
        const int version = report.version;
        if (context.console.json()) {
            boost::json::array list;
            for (const auto &m : applied) list.push_back({{"version", m.version}, {"name", m.name}});
            write_json(context.console, boost::json::object{{"applied", list}, {"version", version}});
            return 0;
        }
        Console &out = context.console;
        if (applied.empty()) {
            out.line("The database schema is up to date (version " + std::to_string(version) + ").");
            return 0;
        }
        for (const auto &migration : applied)
            out.line("Applied migration " + out.styled(Style::info, migration_label(migration)) + ".");
        out.line("The database schema is now at version " + std::to_string(version) + ".");
        return 0;
    }
};

}  // namespace

std::unique_ptr<Command> make_db_migrate() {
    return std::make_unique<DbMigrate>();
}

}  // namespace pim
