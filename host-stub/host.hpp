// pim-host: parse the command line, load the configuration and the plugins,
// run the command.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace pim::host {

// Returns the process exit code; never throws.
int run_host(const std::vector<std::string> &args, const std::filesystem::path &exe_dir) noexcept;

}  // namespace pim::host
