// pim-host standing for a host of an older plugin ABI minor (tests only,
// never installed): pim-host-abi10 for 1.0, pim-host-abi13 for 1.3
// (PIM_TEST_OFFERED_MINOR). Its services table is that minor's (struct_size,
// minor), it refuses plugins whose min_host_abi_minor is above it, and it reads
// only the members that minor knew of every definition, as a host built
// against that minor's header would (tests/abi/v1_0 is the frozen 1.0 one).
#include "host.hpp"
#include "loader/plugin_loader.hpp"

int main(int argc, char **argv) {
    pim::host::offer_abi_minor(PIM_TEST_OFFERED_MINOR);
    return pim::host::run_host_main(argc, argv);
}
