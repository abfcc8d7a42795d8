#include "host.hpp"

#include "config/host_settings.hpp"
#include "console/builtins.hpp"
#include "console/terminal.hpp"
#include "host_error.hpp"
#include "loader/plugin_loader.hpp"
#include "server/serve_command.hpp"

#include <pim/plugin_abi.h>

#include <boost/dll/runtime_symbol_info.hpp>

#include <mutex>
#include <string>

namespace pim::host {
namespace {

using Builtin = int (*)(const BuiltinContext &, const std::vector<std::string> &);

Builtin find_builtin(const std::string &name) {
    if (name == "list") return run_list;
    if (name == "help") return run_help;
    if (name == "hooks") return run_hooks;
    if (name == "hook") return run_hook;
    if (name == "plugins") return run_plugins;
    if (name == "serve") return run_serve;
    return nullptr;
}

// ERROR and WARNING always reach stderr; INFO needs -v, DEBUG -vv.
std::function<void(int, std::string_view)> make_logger(const Terminal &terminal) {
    return [&terminal, mutex = std::make_shared<std::mutex>()](int level, std::string_view message) {
        static const char *const names[] = {"error", "warning", "info", "debug"};
        const int threshold = PIM_LOG_WARNING + terminal.verbosity();
        if (level > threshold || level < 0 || level > PIM_LOG_DEBUG) return;
        const std::lock_guard lock(*mutex);
        terminal.err("[" + std::string(names[level]) + "] " + std::string(message) + "\n");
    };
}

int run_plugin_command(const CommandEntry &command, const Terminal &terminal,
                       const std::vector<std::string> &args) {
    std::vector<const char *> argv;
    argv.reserve(args.size());
    for (const auto &arg : args) argv.push_back(arg.c_str());
    const pim_console console = terminal.console();
    pim_command_invocation invocation{};
    invocation.struct_size = sizeof invocation;
    invocation.command_name = command.name.c_str();
    invocation.argc = static_cast<int>(argv.size());
    invocation.argv = argv.data();
    invocation.console = &console;
    return command.call(invocation);
}

int dispatch(const GlobalOptions &options, const BuiltinContext &context) {
    std::string name = options.command.empty() ? "list" : options.command;
    std::vector<std::string> args = options.command_args;
    if (options.help) {
        args = {name};
        name = "help";
    }
    if (const Builtin builtin = find_builtin(name)) return builtin(context, args);
    if (const CommandEntry *command = context.registry.find_command(name))
        return run_plugin_command(*command, context.terminal, args);
    return report_unknown_command(context, name);
}

int run(const std::filesystem::path &exe_dir, const GlobalOptions &options) {
    const Terminal terminal(options);
    if (options.version) {  // before any configuration: it answers in any directory
        terminal.out("pim-host " PIM_HOST_VERSION " (plugin ABI " + std::to_string(PIM_PLUGIN_ABI_MAJOR) +
                     "." + std::to_string(PIM_PLUGIN_ABI_MINOR) + ")\n");
        return 0;
    }
    try {
        YamlConfig config;
        const HostSettings settings = resolve_host_settings(options, exe_dir, config);
        Registry registry(builtin_command_names, host_config_sections);
        // Declared before the plugins: their series live until they are shut down.
        // Only serve exposes them; other commands offer no metric services
        // and spare every run the plugins' registrations.
        const bool serving = options.command == "serve";
        const auto metrics = serving && settings.server.metrics ? std::make_unique<Metrics>() : nullptr;
        PluginHost plugins(config, {settings.environment, settings.project_dir.string()}, registry,
                           make_logger(terminal), metrics.get());
        plugins.load_directory(settings.plugins_dir);
        reject_unknown_sections(config, registry.config_sections());
        const BuiltinContext context{terminal, registry, plugins, settings.environment, settings};
        return dispatch(options, context);
    } catch (const HostError &error) {
        terminal.error_message(error.what());
        return 1;
    }
}

}  // namespace

int run_host(const std::vector<std::string> &args, const std::filesystem::path &exe_dir) noexcept {
    try {
        GlobalOptions options;
        try {
            options = parse_global_options(args);
        } catch (const CommandLineError &error) {
            Terminal(GlobalOptions{}).error_message(error.what());
            return 1;
        }
        return run(exe_dir, options);
    } catch (const std::exception &error) {
        try {
            Terminal(GlobalOptions{}).error_message(std::string("pim-host: internal error: ") + error.what());
        } catch (...) {  // NOLINT(bugprone-empty-catch): nothing left to report with
        }
    } catch (...) {  // NOLINT(bugprone-empty-catch): exit code 1 says it
    }
    return 1;
}

int run_host_main(int argc, char **argv) noexcept {
    try {
        const std::vector<std::string> args(argv + 1, argv + argc);
        boost::dll::fs::error_code ec;
        const auto exe = boost::dll::program_location(ec);
        const std::filesystem::path exe_dir =
            ec ? std::filesystem::path(".") : std::filesystem::path(exe.parent_path().string());
        return run_host(args, exe_dir);
    } catch (...) {  // NOLINT(bugprone-empty-catch): out of memory before anything ran; exit code 1 says it
    }
    return 1;
}

}  // namespace pim::host
