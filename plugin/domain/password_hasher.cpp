#include "domain/password_hasher.hpp"

#include <sodium.h>

#include <mutex>
#include <stdexcept>

namespace pim {

std::string PasswordHasher::hash(std::string_view password) const {
    char encoded[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(encoded, password.data(), password.size(), opslimit_, memlimit_bytes_) != 0)
        throw std::runtime_error(
            "not enough memory to hash a password (security.password.argon2id.memlimit_kib)");
    return encoded;
}

bool PasswordHasher::verify(const std::string &encoded, std::string_view password) const {
    return crypto_pwhash_str_verify(encoded.c_str(), password.data(), password.size()) == 0;
}

bool PasswordHasher::needs_rehash(const std::string &encoded) const {
    return crypto_pwhash_str_needs_rehash(encoded.c_str(), opslimit_, memlimit_bytes_) != 0;
}

void PasswordHasher::verify_dummy(std::string_view password) const {
    // One hash per cost setting, made on first use with a random password.
    static std::mutex mutex;
    static std::string dummy;
    static unsigned long long dummy_ops = 0;
    static std::size_t dummy_mem = 0;
    std::string encoded;
    {
        const std::lock_guard lock(mutex);
        if (dummy.empty() || dummy_ops != opslimit_ || dummy_mem != memlimit_bytes_) {
            unsigned char random[16];
            randombytes_buf(random, sizeof random);
            dummy = hash(std::string_view(reinterpret_cast<const char *>(random), sizeof random));
            dummy_ops = opslimit_;
            dummy_mem = memlimit_bytes_;
        }
        encoded = dummy;
    }
    (void)verify(encoded, password);
}

}  // namespace pim
