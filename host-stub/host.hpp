// pim-host: parse the command line, load the configuration and the plugins,
// run the command.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace pim::host {

// Returns the process exit code; never throws.
int run_host(const std::vector<std::string> &args, const std::filesystem::path &exe_dir) noexcept;

// The whole of a main(): run_host with main's arguments and the directory
// of the running executable (plugins and configuration are found from it).
int run_host_main(int argc, char **argv) noexcept;

}  // namespace pim::host
