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
    const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    const auto begin = (reinterpret_cast<std::uintptr_t>(block) + page - 1) & ~(page - 1);
    const auto end = (reinterpret_cast<std::uintptr_t>(block) + bytes) & ~(page - 1);
    if (end > begin) (void)madvise(reinterpret_cast<void *>(begin), end - begin, MADV_POPULATE_WRITE);
    std::free(block);
#else
    (void)bytes;
#endif
}

}  // namespace pim
