// Start-up of commands that build large answers (docs/performance.md,
// "Cold commands").
#pragma once

#include <cstddef>

namespace pim {

// Faults in `bytes` of the heap with one madvise(MADV_POPULATE_WRITE)
// (Linux 5.14 and later; elsewhere it does nothing) and keeps them for the
// allocations to come. A command touches each new heap page once, and each
// first touch is a page fault: on the virtual machines pim-host is measured
// on, one fault has cost from a few to tens of microseconds, and listing
// 1,000 clients first-touches about 360 heap pages. Populating them in one
// call costs less than faulting them one by one where faults are dear, and
// about the same where they are cheap; so only a command that knows it will
// allocate that much asks for it (list-clients, sized by its row count),
// not every command.
void prefault_heap(std::size_t bytes) noexcept;

}  // namespace pim
