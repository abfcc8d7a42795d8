// pim-host: the development host of pim-oauth (and of any plugin built
// against pim/plugin_abi.h).
#include "cli/heap_prefault.hpp"
#include "host.hpp"

#include <cstring>

int main(int argc, char **argv) {
    if (argc < 2 || std::strcmp(argv[1], "serve") != 0) pim::host::prefault_heap(std::size_t{2} << 20U);
    return pim::host::run_host_main(argc, argv);
}
