// pim:secret-key:rotate: re-encrypts every client secret with the configured
// key (security.secret_key / PIM_SECRET_KEY), reading the previous key from
// PIM_OLD_SECRET_KEY (never from the command line, where `ps` shows it).
#include "app/key_rotation.hpp"
#include "commands/commands.hpp"

#include <boost/json.hpp>

#include <cstdlib>

namespace pim {
namespace {

std::unique_ptr<KeyRing> old_key() {
    const char *text = std::getenv("PIM_OLD_SECRET_KEY");
    if (text == nullptr || *text == '\0')
        throw InvalidInput(
            "Set PIM_OLD_SECRET_KEY to the previous key (64 hex digits) and PIM_SECRET_KEY to the new one.");
    try {
        return std::make_unique<KeyRing>(text);
    } catch (const std::invalid_argument &e) {
        throw InvalidInput(std::string("PIM_OLD_SECRET_KEY ") + e.what() + ".");
    }
}

class RotateSecretKey final : public Command {
public:
    [[nodiscard]] const CommandSpec &spec() const override {
        static const CommandSpec spec{
            "pim:secret-key:rotate",
            "Re-encrypts the client secrets with a new secret key (old key in PIM_OLD_SECRET_KEY)",
            {},
            {},
            {}};
        return spec;
    }

    int execute(CommandContext &context) const override {
        const auto previous = old_key();
        const KeyRotation rotation = rotate_secret_key(context.app.database(), *previous, context.app.keys());
        Console &out = context.console;
        if (out.json()) {
            write_json(out, boost::json::object{{"reencrypted", rotation.reencrypted},
                                                {"already_current", rotation.already_current},
                                                {"tokens_removed", rotation.tokens_removed}});
            return 0;
        }
        out.line("Re-encrypted " + out.styled(Style::info, std::to_string(rotation.reencrypted)) +
                 " client secrets with the new key (" + std::to_string(rotation.already_current) +
                 " already used it).");
        out.line("Removed " + std::to_string(rotation.tokens_removed) +
                 " tokens hashed with the old key: connectors must request new tokens with their password.");
        return 0;
    }
};

}  // namespace

std::unique_ptr<Command> make_rotate_secret_key() {
    return std::make_unique<RotateSecretKey>();
}

}  // namespace pim
