#include "app/key_rotation.hpp"

#include "domain/errors.hpp"
#include "storage/client_repository.hpp"
#include "storage/token_repository.hpp"

#include <sodium.h>

#include <stdexcept>

namespace pim {
namespace {

bool opens_with(const KeyRing &keys, const std::string &box) {
    try {
        std::string secret = keys.decrypt(box);
        sodium_memzero(secret.data(), secret.size());
        return true;
    } catch (const std::runtime_error &) {
        return false;
    }
}

}  // namespace

KeyRotation rotate_secret_key(Database &db, const KeyRing &old_keys, const KeyRing &new_keys) {
    return with_storage_errors(db, [&] {
        WriteTransaction transaction(db);
        ClientRepository clients(db, new_keys);
        KeyRotation rotation;
        for (const auto &[id, box] : clients.secret_boxes()) {
            if (opens_with(new_keys, box)) {  // rotated by an earlier run
                ++rotation.already_current;
                continue;
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
        rotation.tokens_removed = rotation.reencrypted > 0 ? TokenRepository(db).delete_all() : 0;
        transaction.commit();
        return rotation;
    });
}

}  // namespace pim
