#include "domain/process_hardening.hpp"

#include <sys/prctl.h>
#include <sys/resource.h>

namespace pim {

void forbid_core_dumps() noexcept {
    (void)::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    const rlimit none{0, 0};
    (void)::setrlimit(RLIMIT_CORE, &none);
}

}  // namespace pim
