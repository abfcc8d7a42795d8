#include "domain/argon2_memory.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <vector>

namespace pim::argon2_memory {
namespace {

using Clock = std::chrono::steady_clock;

struct Region {
    void *address;
    std::size_t size;
    bool in_use;
    Clock::time_point freed;
};

struct Pool {
    std::mutex mutex;
    std::vector<Region> regions;
    Stats stats;
    std::atomic<unsigned> keep_seconds{60};
};

Pool &pool() {
    // Destroyed with the plugin's other statics, after App has released
    // every region (no worker hashes then: the host stopped them).
    static Pool instance;
    return instance;
}

thread_local int scope_depth = 0;

void unmap(const Region &region) {
    ::munmap(region.address, region.size);
}

// Erases the regions `expired` selects, unmapping them outside the lock.
template <class Expired>
std::size_t release_where(Expired expired) {
    std::vector<Region> released;
    {
        Pool &p = pool();
        const std::lock_guard lock(p.mutex);
        auto split = std::stable_partition(p.regions.begin(), p.regions.end(),
                                           [&](const Region &r) { return r.in_use || !expired(r); });
        released.assign(split, p.regions.end());
        p.regions.erase(split, p.regions.end());
        for (const Region &r : released) p.stats.kept_bytes -= r.size;
    }
    for (const Region &r : released) unmap(r);
    return released.size();
}

void *take_kept(std::size_t size) {
    Pool &p = pool();
    const std::lock_guard lock(p.mutex);
    for (Region &r : p.regions) {
        if (r.in_use || r.size != size) continue;
        r.in_use = true;
        ++p.stats.reuses;
        return r.address;
    }
    return nullptr;
}

void *map_new(std::size_t size, int prot, int flags) {
    void *address = ::mmap(nullptr, size, prot, flags, -1, 0);
    if (address == MAP_FAILED) return address;
    ::madvise(address, size, MADV_DONTDUMP);
    Pool &p = pool();
    const std::lock_guard lock(p.mutex);
    p.regions.push_back({address, size, true, {}});
    ++p.stats.mappings;
    p.stats.kept_bytes += size;
    return address;
}

// True when the pool owned `address` (now idle, or unmapped when keep is 0).
bool give_back(void *address) {
    Pool &p = pool();
    const unsigned keep = p.keep_seconds.load(std::memory_order_relaxed);
    {
        const std::lock_guard lock(p.mutex);
        auto found = std::find_if(p.regions.begin(), p.regions.end(),
                                  [&](const Region &r) { return r.address == address; });
        if (found == p.regions.end()) return false;
        found->in_use = false;
        found->freed = Clock::now();
    }
    if (keep == 0) release_all();
    return true;
}

}  // namespace

Scope::Scope() {
    ++scope_depth;
}
Scope::~Scope() {
    --scope_depth;
}

bool routed() {
#ifdef PIM_ARGON2_MEMORY_ROUTED
    return true;
#else
    return false;
#endif
}

Stats stats() {
    Pool &p = pool();
    const std::lock_guard lock(p.mutex);
    return p.stats;
}

void set_keep_seconds(unsigned seconds) {
    pool().keep_seconds.store(seconds, std::memory_order_relaxed);
    if (seconds == 0) release_all();
}

unsigned keep_seconds() {
    return pool().keep_seconds.load(std::memory_order_relaxed);
}

std::size_t release_idle(Clock::time_point now) {
    const auto keep = std::chrono::seconds(keep_seconds());
    return release_where([&](const Region &r) { return now - r.freed >= keep; });
}

void release_all() {
    release_where([](const Region &) { return true; });
}

}  // namespace pim::argon2_memory

// libsodium's references to mmap and munmap, renamed at build time. Only
// the anonymous private mappings of a thread inside a Scope are pooled
// (Argon2's, MAP_POPULATE'd): sodium_malloc's guarded mappings, whose pages
// it mprotects, never are.
extern "C" void *pim_argon2_mmap(void *address, std::size_t size, int prot, int flags, int fd, off_t offset) {
    using namespace pim::argon2_memory;
    const bool poolable = scope_depth > 0 && address == nullptr && fd == -1 && offset == 0 &&
                          (flags & ~MAP_POPULATE) == (MAP_PRIVATE | MAP_ANONYMOUS) &&
                          prot == (PROT_READ | PROT_WRITE);
    if (!poolable) return ::mmap(address, size, prot, flags, fd, offset);
    if (void *kept = take_kept(size)) return kept;
    return map_new(size, prot, flags);
}

extern "C" int pim_argon2_munmap(void *address, std::size_t size) {
    if (pim::argon2_memory::give_back(address)) return 0;
    return ::munmap(address, size);
}
