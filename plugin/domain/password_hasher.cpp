#include "domain/password_hasher.hpp"

#include "domain/argon2_memory.hpp"

#include <sodium.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <stdexcept>

namespace pim {
namespace {

using Nanoseconds = std::chrono::nanoseconds;

// The target old-cost logins pad to (the process runs one cost setting).
// CPU time, not wall time: serve's workers give the CPU to everything else
// (SCHED_IDLE), and a verification held back by the scheduler would
// otherwise raise the target far beyond what a current login takes.
HashCostTarget current_cost;

Nanoseconds thread_cpu_time() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return std::chrono::seconds(now.tv_sec) + Nanoseconds(now.tv_nsec);
}

// The CPU time `work` takes on this thread.
template <class Work>
Nanoseconds timed(Work &&work) {
    const Nanoseconds started = thread_cpu_time();
    work();
    return thread_cpu_time() - started;
}

// Keeps this thread computing until it has used `target` of CPU time since
// `started`. Work, not a sleep: it waits for the CPU as a verification does,
// so that on a saturated machine the padding stretches as hashing does (a
// sleep did not: old-cost answers came in half the time of current ones).
void compute_until(Nanoseconds started, Nanoseconds target) {
    std::array<unsigned char, crypto_generichash_BYTES> state{};
    while (thread_cpu_time() - started < target)
        for (int i = 0; i < 64; ++i)
            crypto_generichash(state.data(), state.size(), state.data(), state.size(), nullptr, 0);
}

}  // namespace

std::string PasswordHasher::hash(std::string_view password) const {
    char encoded[crypto_pwhash_STRBYTES];
    const argon2_memory::Scope kept_memory;
    if (crypto_pwhash_str(encoded, password.data(), password.size(), opslimit_, memlimit_bytes_) != 0)
        throw std::runtime_error(
            "not enough memory to hash a password (security.password.argon2id.memlimit_kib)");
    return encoded;
}

bool PasswordHasher::verify(const std::string &encoded, std::string_view password) const {
    const argon2_memory::Scope kept_memory;
    return crypto_pwhash_str_verify(encoded.c_str(), password.data(), password.size()) == 0;
}

void HashCostTarget::record(std::chrono::nanoseconds took) {
    const std::lock_guard lock(mutex_);
    samples_[recorded_ % samples_.size()] = took.count();
    ++recorded_;
    std::array<std::int64_t, 8> sorted = samples_;
    const std::size_t filled = std::min(recorded_, sorted.size());
    std::sort(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(filled));
    median_ns_.store(sorted[filled / 2], std::memory_order_relaxed);
}

bool PasswordHasher::needs_rehash(const std::string &encoded) const {
    return crypto_pwhash_str_needs_rehash(encoded.c_str(), opslimit_, memlimit_bytes_) != 0;
}

void PasswordHasher::verify_dummy(std::string_view password) const {
    // One hash per cost setting, made on first use with a random password.
    static std::mutex mutex;
    std::string encoded;
    {
        const std::lock_guard lock(mutex);
        static std::string dummy;  // guarded by mutex
        static unsigned long long dummy_ops = 0;
        static std::size_t dummy_mem = 0;
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

namespace pim {

bool PasswordHasher::verify_login(const std::optional<std::string> &encoded,
                                  std::string_view password) const {
    bool verified = false;
    if (!encoded) {
        current_cost.record(timed([&] { verify_dummy(password); }));
        return false;
    }
    if (!needs_rehash(*encoded)) {
        current_cost.record(timed([&] { verified = verify(*encoded, password); }));
        return verified;
    }
    const Nanoseconds started = thread_cpu_time();
    verified = verify(*encoded, password);
    const Nanoseconds target = current_cost.get();
    if (target.count() == 0)
        current_cost.record(timed([&] { verify_dummy(password); }));  // first login: measure the cost
    else
        compute_until(started, target);
    return verified;
}

}  // namespace pim
