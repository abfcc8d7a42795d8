// pim:oauth-server:clean, alias fos:oauth-server:clean (console-commands.md §2.4)
#include "commands/commands.hpp"
#include "storage/token_repository.hpp"

#include <boost/json.hpp>

#include <ctime>

namespace pim {
namespace {

constexpr int batch_size = 5000;

class CleanTokens final : public Command {
public:
    [[nodiscard]] const CommandSpec &spec() const override {
        static const CommandSpec spec{
            "pim:oauth-server:clean", "Clean expired tokens", {"fos:oauth-server:clean"}, {}, {}};
        return spec;
    }

    int execute(CommandContext &context) const override {
        Database &db = context.app.database();
        const std::int64_t now = context.app.settings().clock->now();
        const std::int64_t access = clean(db, context.console, "pim_api_access_token", now);
        const std::int64_t refresh = clean(db, context.console, "pim_api_refresh_token", now);
        Console &out = context.console;
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
    // Batches in their own transactions, so that API traffic is never blocked long.
    static std::int64_t clean(Database &db, Console &console, const char *table, std::int64_t now) {
        std::int64_t total = 0;
        for (;;) {
            const std::int64_t removed = with_storage_errors(db, [&] {
                WriteTransaction transaction(db);
                const auto count = TokenRepository(db).delete_expired(table, now, batch_size);
                transaction.commit();
                return count;
            });
            total += removed;
            if (console.stderr_is_terminal() && total > 0)
                console.write(PIM_STDERR,
                              "\r" + std::string(table) + ": " + std::to_string(total) + " removed");
            if (removed < batch_size) break;
        }
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
