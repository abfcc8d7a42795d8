// The host's own commands: list, help, hooks, hook, plugins.
#pragma once

#include "config/host_settings.hpp"
#include "console/terminal.hpp"
#include "loader/plugin_loader.hpp"
#include "loader/registry.hpp"

#include <set>
#include <string>
#include <vector>

namespace pim::host {

struct BuiltinContext {
    const Terminal &terminal;
    const Registry &registry;
    const PluginHost &plugins;
    const std::string &environment;
    const HostSettings &settings;
};

inline const std::set<std::string> builtin_command_names = {"help", "hook",    "hooks",
                                                            "list", "plugins", "serve"};

int run_list(const BuiltinContext &context, const std::vector<std::string> &args);
int run_help(const BuiltinContext &context, const std::vector<std::string> &args);
int run_hooks(const BuiltinContext &context, const std::vector<std::string> &args);
int run_hook(const BuiltinContext &context, const std::vector<std::string> &args);
int run_plugins(const BuiltinContext &context, const std::vector<std::string> &args);

// "Command "x" is not defined." with suggestions; returns exit code 1.
int report_unknown_command(const BuiltinContext &context, const std::string &name);

// Every command name (builtins and plugins), for suggestions.
std::vector<std::string> all_command_names(const Registry &registry);

}  // namespace pim::host
