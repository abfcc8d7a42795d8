// The secret-encryption key and what is derived from it. Key material lives
// in sodium_malloc'ed (locked, guarded) memory and is wiped on destruction.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace pim {

// A token's stored form: keyed BLAKE2b-256 as 64 lower-case hex digits.
using TokenHash = std::array<char, 64>;

class KeyRing {
public:
    // `master_hex`: 64 hex digits (32 bytes). Throws std::invalid_argument
    // with a user-facing reason otherwise.
    explicit KeyRing(std::string_view master_hex);
    ~KeyRing();
    KeyRing(const KeyRing &) = delete;
    KeyRing &operator=(const KeyRing &) = delete;

    // base64(nonce || crypto_secretbox(plain)), a fresh nonce per call.
    [[nodiscard]] std::string encrypt(std::string_view plain) const;
    // Inverse of encrypt(); throws std::runtime_error when the box does not
    // open (wrong key or tampered data).
    [[nodiscard]] std::string decrypt(std::string_view boxed) const;

    // Allocation-free: the bearer check calls this on every API request.
    void hash_token(std::string_view token, TokenHash &out) const noexcept;
    [[nodiscard]] std::string hash_token(std::string_view token) const;

private:
    unsigned char *secretbox_key_;   // subkey 1
    unsigned char *token_hash_key_;  // subkey 2
};

}  // namespace pim
