// Host options, accepted anywhere before "--" (Symfony console style):
// --env/-e, --config-dir, --plugins-dir, -n, -q, -v/-vv/-vvv, --no-ansi, -h, -V.
// Everything else is left, in order, for the command.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace pim::host {

struct GlobalOptions {
    std::optional<std::string> env;
    std::optional<std::string> config_dir;
    std::optional<std::string> plugins_dir;
    bool no_interaction = false;
    bool quiet = false;
    int verbosity = 0;
    bool no_ansi = false;
    bool help = false;
    bool version = false;                   // -V, --version: print the versions, load nothing
    std::string command;                    // empty: none given (then "list")
    std::vector<std::string> command_args;  // after the command name
};

// Throws CommandLineError ("The \"--env\" option requires a value.").
GlobalOptions parse_global_options(const std::vector<std::string> &args);

}  // namespace pim::host
