// Argon2id password hashing through libsodium (crypto_pwhash_str), with the
// cost from security.password.argon2id.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace pim {

// The CPU time one verification at the current cost takes: the target that
// old-cost logins pad to. The median of the last 8 samples, so that one
// outlier (a worker's first hash, which faults its memory in) does not move
// it; a moving average kept such a sample in the target for many logins.
class HashCostTarget {
public:
    void record(std::chrono::nanoseconds took);
    // Zero before the first sample.
    [[nodiscard]] std::chrono::nanoseconds get() const {
        return std::chrono::nanoseconds(median_ns_.load(std::memory_order_relaxed));
    }

private:
    std::mutex mutex_;
    std::array<std::int64_t, 8> samples_{};
    std::size_t recorded_ = 0;
    std::atomic<std::int64_t> median_ns_{0};
};

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
