#include "console/heap_prefault.hpp"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>

namespace pim {

void prefault_heap(std::size_t bytes) noexcept {
#ifdef MADV_POPULATE_WRITE
    // From the brk heap rather than a mapping of its own, and kept there
    // after free(): later allocations are carved out of the faulted pages.
    mallopt(M_MMAP_THRESHOLD, static_cast<int>(bytes * 2));
    mallopt(M_TRIM_THRESHOLD, static_cast<int>(bytes * 2));
    void *block = std::malloc(bytes);
    if (block == nullptr) return;
    // madvise wants page-aligned addresses: the whole pages inside the block.
    const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    const auto address = reinterpret_cast<std::uintptr_t>(block);
    const std::size_t skip = (page - address % page) % page;
    if (bytes > skip + page) {
        const std::size_t length = (bytes - skip) / page * page;
        (void)madvise(static_cast<char *>(block) + skip, length, MADV_POPULATE_WRITE);
    }
    std::free(block);
#else
    (void)bytes;
#endif
}

}  // namespace pim
