// Argon2id password hashing through libsodium (crypto_pwhash_str), with the
// cost from security.password.argon2id.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace pim {

class PasswordHasher {
public:
    PasswordHasher(unsigned long long opslimit, std::size_t memlimit_kib)
        : opslimit_(opslimit), memlimit_bytes_(memlimit_kib * 1024) {}

    // The encoded Argon2id string ("$argon2id$v=19$m=…"). Throws
    // std::runtime_error when the memory cannot be had.
    [[nodiscard]] std::string hash(std::string_view password) const;
    [[nodiscard]] bool verify(const std::string &encoded, std::string_view password) const;
    // True when `encoded` was made with other parameters than the current ones.
    [[nodiscard]] bool needs_rehash(const std::string &encoded) const;
    // Burns the time of one verification; used when no user matches so that
    // timing does not reveal whether a username exists.
    void verify_dummy(std::string_view password) const;
    // A login's verification, in about the time of one verification at the
    // current cost whether the account is unknown (`encoded` empty: dummy),
    // current, or hashed with other parameters (padded to the current
    // cost), so that timing tells none of them apart.
    [[nodiscard]] bool verify_login(const std::optional<std::string> &encoded,
                                    std::string_view password) const;

private:
    unsigned long long opslimit_;
    std::size_t memlimit_bytes_;
};

}  // namespace pim
