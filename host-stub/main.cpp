// pim-host: the development host of pim-oauth (and of any plugin built
// against pim/plugin_abi.h).
#include "host.hpp"

#include <boost/dll/runtime_symbol_info.hpp>

int main(int argc, char **argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    boost::dll::fs::error_code ec;
    const auto exe = boost::dll::program_location(ec);
    const std::filesystem::path exe_dir =
        ec ? std::filesystem::path(".") : std::filesystem::path(exe.parent_path().string());
    return pim::host::run_host(args, exe_dir);
}
