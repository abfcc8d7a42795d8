// Argon2id verifications per second alone, for scripts/bench-http's ratio
// "password grants/s over HTTP / Argon2id verifications/s with the same
// number of threads" (issue 13): PasswordHasher::verify, as the password
// grant calls it, on THREADS threads for SECONDS, with Argon2id memory kept
// between hashes as security.password.argon2id.keep_memory_seconds says
// (0: a fresh mapping per hash, libsodium's own way).
//
//   build/bin/pim-argon2-rate THREADS OPSLIMIT MEMLIMIT_KIB [SECONDS (5)] [KEEP_MEMORY_SECONDS (60)]
//
// Prints "threads N verifications_per_s X keep_memory_seconds K mappings M".
#include "domain/argon2_memory.hpp"
#include "domain/password_hasher.hpp"

#include <sodium.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

int main(int argc, char **argv) {
    if (argc < 4 || sodium_init() < 0) {
        std::fprintf(
            stderr, "usage: pim-argon2-rate THREADS OPSLIMIT MEMLIMIT_KIB [SECONDS] [KEEP_MEMORY_SECONDS]\n");
        return 2;
    }
    const long threads = std::strtol(argv[1], nullptr, 10);
    const unsigned long long opslimit = std::strtoull(argv[2], nullptr, 10);
    const std::size_t memlimit_kib = std::strtoull(argv[3], nullptr, 10);
    const double seconds = argc > 4 ? std::strtod(argv[4], nullptr) : 5.0;
    const auto keep = static_cast<unsigned>(argc > 5 ? std::strtoul(argv[5], nullptr, 10) : 60);
    pim::argon2_memory::set_keep_seconds(keep);
    const pim::PasswordHasher hasher(opslimit, memlimit_kib);
    static const char password[] = "benchPassword1";
    std::string encoded;
    try {
        if (threads < 1) throw std::invalid_argument("THREADS must be at least 1");
        encoded = hasher.hash(password);
    } catch (const std::exception &error) {
        std::fprintf(stderr, "pim-argon2-rate: %s\n", error.what());
        return 1;
    }
    std::atomic<long> verified{0};
    std::atomic<bool> stop{false};
    const auto started = std::chrono::steady_clock::now();
    std::vector<std::thread> workers;
    for (long i = 0; i < threads; ++i)
        workers.emplace_back([&] {
            while (!stop.load()) {
                if (hasher.verify(encoded, password)) ++verified;
            }
        });
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    for (auto &worker : workers) worker.join();
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("threads %ld verifications_per_s %.2f keep_memory_seconds %u mappings %llu\n", threads,
                static_cast<double>(verified.load()) / elapsed, keep,
                static_cast<unsigned long long>(pim::argon2_memory::stats().mappings));
    return 0;
}
