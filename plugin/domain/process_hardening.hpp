// Production processes hold the secret key, passwords in flight and issued
// tokens in memory: they must not end up in a core file.
#pragma once

namespace pim {

// No core dump and no ptrace attach by other users (PR_SET_DUMPABLE 0, core
// size limit 0). Called once at init in prod.
void forbid_core_dumps() noexcept;

}  // namespace pim
