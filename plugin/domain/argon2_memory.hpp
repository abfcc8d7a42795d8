// Argon2id's working memory, kept between hashes.
//
// libsodium maps the memory of every Argon2 run with mmap and unmaps it at
// the end, so each password hash first-touches memlimit_kib of fresh pages:
// on the 2-core CI VM, kept memory made 64 MiB verifications 1.5 to 3 times
// faster (docs/performance.md, "Argon2id memory"). The build renames
// libsodium's mmap/munmap calls to pim_argon2_mmap/pim_argon2_munmap
// (objcopy, plugin/CMakeLists.txt); while a Scope is alive on a thread, its
// Argon2 mapping comes from this pool and goes back to it, and a region
// nobody used for keep_seconds is unmapped.
//
// The regions are excluded from core dumps. What a region holds after a
// hash is the last pass of its memory (opslimit >= 2), which takes the full
// memory-hard computation to reproduce: no cheaper to guess against than
// the stored hash.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace pim::argon2_memory {

// Routes this thread's Argon2 mappings through the pool while alive.
class Scope {
public:
    Scope();
    ~Scope();
    Scope(const Scope &) = delete;
    Scope &operator=(const Scope &) = delete;
};

struct Stats {
    std::uint64_t mappings = 0;  // regions mapped from the kernel
    std::uint64_t reuses = 0;    // hashes served by a kept region
    std::size_t kept_bytes = 0;  // mapped regions, in use or idle
};

// True when this build routes libsodium's Argon2 memory through the pool
// (libsodium linked from its static archive); false: libsodium's own mmap.
bool routed();
Stats stats();
// Seconds an idle region is kept (security.password.argon2id.keep_memory_seconds);
// 0 unmaps each region after its hash, as libsodium alone does.
void set_keep_seconds(unsigned seconds);
unsigned keep_seconds();
// Unmaps the regions idle for at least keep_seconds at `now`; returns how
// many.
std::size_t release_idle(std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now());
// Unmaps every idle region (shutdown).
void release_all();

}  // namespace pim::argon2_memory
