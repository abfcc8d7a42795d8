#include "domain/password_hasher.hpp"

#include "domain/argon2_memory.hpp"

#include <sodium.h>
#include <time.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace pim {
namespace {

using Nanoseconds = std::chrono::nanoseconds;

// The CPU time one verification at the current cost takes (the process runs
// one cost setting): the target old-cost logins pad to. CPU time, not wall
// time: serve's workers give the CPU to everything else (SCHED_IDLE), and a
// verification held back by the scheduler would otherwise raise the target
// far beyond what a current login takes. The median of the last samples: a
// worker's first hash faults its memory in and costs far more than the next
// ones, and a moving average kept that in the target for many logins (a CI
// run saw old-cost answers at twice the current ones).
class CurrentCost {
public:
    void record(Nanoseconds took) {
        const std::lock_guard lock(mutex_);
        samples_[next_ % samples_.size()] = took.count();
        ++next_;
        std::array<std::int64_t, 8> sorted = samples_;
        const std::size_t filled = std::min(next_, sorted.size());
        std::sort(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(filled));
        median_ns_.store(sorted[filled / 2], std::memory_order_relaxed);
    }
    // Zero before the first sample.
    [[nodiscard]] Nanoseconds median() const {
        return Nanoseconds(median_ns_.load(std::memory_order_relaxed));
    }

private:
    std::mutex mutex_;
    std::array<std::int64_t, 8> samples_{};
    std::size_t next_ = 0;
    std::atomic<std::int64_t> median_ns_{0};
};

CurrentCost current_cost;

void record_current_cost(Nanoseconds took) {
    current_cost.record(took);
}

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

namespace pim {

bool PasswordHasher::verify_login(const std::optional<std::string> &encoded,
                                  std::string_view password) const {
    bool verified = false;
    if (!encoded) {
        record_current_cost(timed([&] { verify_dummy(password); }));
        return false;
    }
    if (!needs_rehash(*encoded)) {
        record_current_cost(timed([&] { verified = verify(*encoded, password); }));
        return verified;
    }
    const Nanoseconds took = timed([&] { verified = verify(*encoded, password); });
    const Nanoseconds target = current_cost.median();
    if (target.count() == 0)
        record_current_cost(timed([&] { verify_dummy(password); }));  // first login: measure the cost
    else if (took < target)
        std::this_thread::sleep_for(target - took);
    return verified;
}

}  // namespace pim
