// pim:secret-key:rotate: re-encrypts every client secret with the configured
// key (security.secret_key / PIM_SECRET_KEY), reading the previous key from
// PIM_OLD_SECRET_KEY (never from the command line, where `ps` shows it).
#include "commands/commands.hpp"
#include "domain/key_ring.hpp"
#include "storage/client_repository.hpp"

#include <sodium.h>
#include <boost/json.hpp>

#include <cstdlib>

namespace pim {
namespace {

struct Rotation {
    std::int64_t reencrypted = 0;
    std::int64_t already_current = 0;
    std::int64_t tokens_removed = 0;
};

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

std::int64_t delete_all_tokens(Database &db) {
    std::int64_t removed = 0;
    for (const char *table : {"pim_api_access_token", "pim_api_refresh_token"}) {
        soci::statement st = (db.sql().prepare << std::string("DELETE FROM ") + table);
        st.execute(true);
        removed += st.get_affected_rows();
    }
    return removed;
}

// One transaction: every secret moves to the new key, or none does.
Rotation rotate(Database &db, const KeyRing &old_keys, const KeyRing &new_keys) {
    return with_storage_errors(db, [&] {
        WriteTransaction transaction(db);
        ClientRepository clients(db, new_keys);
        Rotation rotation;
        for (const auto &[id, box] : clients.secret_boxes()) {
            try {
                std::string secret = new_keys.decrypt(box);
                sodium_memzero(secret.data(), secret.size());
                ++rotation.already_current;
                continue;
            } catch (const std::runtime_error &) {  // not yet rotated: it must open with the old key
            }
            std::string secret;
            try {
                secret = old_keys.decrypt(box);
            } catch (const std::runtime_error &) {
                throw InvalidInput(
                    "The secret of client " + std::to_string(id) +
                    " opens with neither PIM_OLD_SECRET_KEY nor the configured key. Nothing was changed.");
            }
            clients.set_secret_box(id, new_keys.encrypt(secret));
            sodium_memzero(secret.data(), secret.size());
            ++rotation.reencrypted;
        }
        // Token hashes are keyed too: tokens made with the old key can never match again.
        rotation.tokens_removed = rotation.reencrypted > 0 ? delete_all_tokens(db) : 0;
        transaction.commit();
        return rotation;
    });
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
        const Rotation rotation = rotate(context.app.database(), *previous, context.app.keys());
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
