// Argon2id verifications per second alone, for scripts/bench-http's ratio
// "password grants/s over HTTP / Argon2id verifications/s with the same
// number of threads" (issue 13): libsodium's crypto_pwhash_str_verify, as
// the password grant calls it, on THREADS threads for SECONDS.
//
//   build/bin/pim-argon2-rate THREADS OPSLIMIT MEMLIMIT_KIB [SECONDS (default 5)]
//
// Prints "threads N verifications_per_s X".
#include <sodium.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

int main(int argc, char **argv) {
    if (argc < 4 || sodium_init() < 0) {
        std::fprintf(stderr, "usage: pim-argon2-rate THREADS OPSLIMIT MEMLIMIT_KIB [SECONDS]\n");
        return 2;
    }
    const long threads = std::strtol(argv[1], nullptr, 10);
    const unsigned long long opslimit = std::strtoull(argv[2], nullptr, 10);
    const std::size_t memlimit = std::strtoull(argv[3], nullptr, 10) * 1024;
    const double seconds = argc > 4 ? std::strtod(argv[4], nullptr) : 5.0;
    static const char password[] = "benchPassword1";
    char encoded[crypto_pwhash_STRBYTES];
    if (threads < 1 || crypto_pwhash_str(encoded, password, sizeof password - 1, opslimit, memlimit) != 0) {
        std::fprintf(stderr, "pim-argon2-rate: bad parameters or out of memory\n");
        return 1;
    }
    std::atomic<long> verified{0};
    std::atomic<bool> stop{false};
    const auto started = std::chrono::steady_clock::now();
    std::vector<std::thread> workers;
    for (long i = 0; i < threads; ++i)
        workers.emplace_back([&] {
            while (!stop.load()) {
                if (crypto_pwhash_str_verify(encoded, password, sizeof password - 1) == 0) ++verified;
            }
        });
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    for (auto &worker : workers) worker.join();
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("threads %ld verifications_per_s %.2f\n", threads,
                static_cast<double>(verified.load()) / elapsed);
    return 0;
}
