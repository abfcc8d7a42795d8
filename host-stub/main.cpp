// pim-host: the development host of pim-oauth (and of any plugin built
// against pim/plugin_abi.h).
#include "cli/heap_prefault.hpp"
#include "host.hpp"

#include <boost/dll/runtime_symbol_info.hpp>

#include <cstring>

int main(int argc, char **argv) {
    if (argc < 2 || std::strcmp(argv[1], "serve") != 0) pim::host::prefault_heap(std::size_t{2} << 20U);
    const std::vector<std::string> args(argv + 1, argv + argc);
    boost::dll::fs::error_code ec;
    const auto exe = boost::dll::program_location(ec);
    const std::filesystem::path exe_dir =
        ec ? std::filesystem::path(".") : std::filesystem::path(exe.parent_path().string());
    return pim::host::run_host(args, exe_dir);
}
