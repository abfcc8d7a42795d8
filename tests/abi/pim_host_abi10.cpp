// pim-host-abi10: pim-host standing for a host of plugin ABI 1.0 (tests only,
// never installed). Its services table is the 1.0 one (struct_size, minor 0),
// it refuses plugins whose min_host_abi_minor is above 0, and it reads only
// the 1.0 members of every definition, as a host built against the frozen
// header tests/abi/v1_0/pim/plugin_abi.h would.
#include "host.hpp"
#include "loader/plugin_loader.hpp"

#include <boost/dll/runtime_symbol_info.hpp>

int main(int argc, char **argv) {
    pim::host::offer_abi_minor(0);
    const std::vector<std::string> args(argv + 1, argv + argc);
    boost::dll::fs::error_code ec;
    const auto exe = boost::dll::program_location(ec);
    const std::filesystem::path exe_dir =
        ec ? std::filesystem::path(".") : std::filesystem::path(exe.parent_path().string());
    return pim::host::run_host(args, exe_dir);
}
