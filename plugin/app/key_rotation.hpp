// pim:secret-key:rotate's use case: every client secret moves from the old
// key to the configured one in one transaction, or none does.
#pragma once

#include "domain/key_ring.hpp"
#include "storage/database.hpp"

#include <cstdint>

namespace pim {

struct KeyRotation {
    std::int64_t reencrypted = 0;
    std::int64_t already_current = 0;
    std::int64_t tokens_removed = 0;
};

// Throws InvalidInput naming the client whose secret opens with neither key
// (nothing is changed then).
KeyRotation rotate_secret_key(Database &db, const KeyRing &old_keys, const KeyRing &new_keys);

}  // namespace pim
