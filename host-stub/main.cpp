// pim-host: the development host of pim-oauth (and of any plugin built
// against pim/plugin_abi.h).
#include "host.hpp"

int main(int argc, char **argv) {
    return pim::host::run_host_main(argc, argv);
}
