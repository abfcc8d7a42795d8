// pim:oauth-server:clean, alias fos:oauth-server:clean (console-commands.md §2.4)
#include "app/maintenance_service.hpp"
#include "commands/commands.hpp"

#include <boost/json.hpp>

namespace pim {
namespace {

class CleanTokens final : public Command {
public:
    [[nodiscard]] const CommandSpec &spec() const override {
        static const CommandSpec spec{
            "pim:oauth-server:clean", "Clean expired tokens", {"fos:oauth-server:clean"}, {}, {}};
        return spec;
    }

    int execute(CommandContext &context) const override {
        MaintenanceService maintenance(context.app.database());
        const std::int64_t now = context.app.settings().clock->now();
        const std::int64_t access = clean(maintenance, context.console, TokenKind::access, now);
        const std::int64_t refresh = clean(maintenance, context.console, TokenKind::refresh, now);
        const Settings &settings = context.app.settings();
        // Ours (docs/connection-monitoring.md): old usage buckets and stale
        // throttle rows go too, without a line of their own: stdout keeps the
        // reference's three lines, which scripts read.
        const std::int64_t usage = maintenance.prune_usage(now, settings.monitoring.retention_days);
        const std::int64_t throttle = maintenance.prune_throttle(now, settings.oauth.throttling);
        Console &out = context.console;
        if (console_shows_progress(out))
            out.write(PIM_STDERR, "Also removed " + std::to_string(usage) + " usage buckets and " +
                                      std::to_string(throttle) + " stale throttle counters.\n");
        if (out.json()) {
            write_json(out, boost::json::object{
                                {"access_token", access}, {"refresh_token", refresh}, {"auth_code", 0}});
            return 0;
        }
        report(out, access, "Access token");
        report(out, refresh, "Refresh token");
        report(out, 0, "Auth code");  // no authorization codes exist; the line stays for scripts
        return 0;
    }

private:
    static bool console_shows_progress(Console &console) { return console.stderr_is_terminal(); }

    // Progress on a terminal only: scripts and cron get the summary lines alone.
    static std::int64_t clean(MaintenanceService &maintenance, Console &console, TokenKind kind,
                              std::int64_t now) {
        const char *name = kind == TokenKind::access ? "pim_api_access_token" : "pim_api_refresh_token";
        const std::int64_t total = maintenance.clean_expired(kind, now, [&](std::int64_t so_far) {
            if (console.stderr_is_terminal() && so_far > 0)
                console.write(PIM_STDERR,
                              "\r" + std::string(name) + ": " + std::to_string(so_far) + " removed");
        });
        if (console.stderr_is_terminal() && total > 0) console.write(PIM_STDERR, "\r\033[K");
        return total;
    }

    static void report(Console &out, std::int64_t count, const char *storage) {
        out.line("Removed " + out.styled(Style::info, std::to_string(count)) + " items from " +
                 out.styled(Style::comment, storage) + " storage.");
    }
};

}  // namespace

std::unique_ptr<Command> make_clean_tokens() {
    return std::make_unique<CleanTokens>();
}

}  // namespace pim
