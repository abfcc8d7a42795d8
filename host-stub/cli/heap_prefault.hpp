// Start-up of short-lived commands (docs/performance.md, "Cold commands").
#pragma once

#include <cstddef>

namespace pim::host {

// Faults in the first `bytes` of the heap with one madvise(MADV_POPULATE_WRITE)
// (Linux 5.14 and later; elsewhere it does nothing) and keeps them for the
// allocations to come. A command touches each new heap page once, and each
// first touch is a page fault: on the virtual machines pim-host is measured
// on, one fault costs tens of microseconds, and listing 1,000 clients took
// about 330 of them. Not for serve, whose heap lives for hours.
void prefault_heap(std::size_t bytes) noexcept;

}  // namespace pim::host
