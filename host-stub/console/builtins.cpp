#include "console/builtins.hpp"

#include "console/suggest.hpp"
#include "host_error.hpp"

#include <algorithm>
#include <map>

namespace pim::host {
namespace {

struct BuiltinInfo {
    std::string description;
    std::string synopsis;
    std::string arguments;  // "Arguments:" section, may be empty
};

const std::map<std::string, BuiltinInfo> &builtin_info() {
    static const std::map<std::string, BuiltinInfo> info = {
        {"help",
         {"Display help for a command", "help [--] [<command_name>]",
          "  command_name  The command name [default: \"list\"]\n"}},
        {"list",
         {"List commands", "list [--] [<namespace>]", "  namespace  Only the commands of this namespace\n"}},
        {"hooks", {"Lists the registered admin hooks", "hooks", ""}},
        {"hook",
         {"Invokes an admin hook with a JSON request", "hook [--] <name> [<json>]",
          "  name  The admin hook, e.g. api_connection.list\n"
          "  json  The request: JSON text, or - to read it from stdin [default: {}]\n"}},
        {"plugins", {"Lists the loaded plugins", "plugins", ""}},
        {"serve",
         {"Serves the plugins' HTTP routes and a sample catalog API (development)", "serve [--listen LISTEN]",
          ""}},
    };
    return info;
}

const char *global_options_help =
    "  -h, --help              Display help for the given command. When no command is given display help for "
    "the list command\n"
    "  -q, --quiet             Do not output any message\n"
    "  -V, --version           Display this application version\n"
    "  -n, --no-interaction    Do not ask any interactive question\n"
    "  -e, --env=ENV           The environment: config/ENV.yaml [default: $PIM_ENV, else \"dev\"]\n"
    "      --config-dir=DIR    The configuration directory [default: $PIM_CONFIG_DIR, else ./config]\n"
    "      --plugins-dir=DIR   The plugins directory [default: $PIM_PLUGINS_DIR, host.plugins_dir, else next "
    "to pim-host]\n"
    "      --no-ansi           Disable ANSI output\n"
    "  -v|vv|vvv, --verbose    Increase the verbosity of messages\n";

// Builtins take only positional arguments (Symfony wording for the rest).
std::vector<std::string> positionals(const std::vector<std::string> &args, std::size_t max,
                                     const std::vector<std::string> &required) {
    std::vector<std::string> values;
    bool options_ended = false;
    for (const auto &arg : args) {
        if (!options_ended && arg == "--") {
            options_ended = true;
            continue;
        }
        if (!options_ended && arg.size() > 1 && arg[0] == '-') {
            const std::string name =
                arg.rfind("--", 0) == 0 ? arg.substr(0, arg.find('=')) : arg.substr(0, 2);
            throw CommandLineError("The \"" + name + "\" option does not exist.");
        }
        values.push_back(arg);
    }
    if (values.size() > max) throw CommandLineError("Too many arguments.");
    if (values.size() < required.size()) {
        std::string missing;
        for (std::size_t i = values.size(); i < required.size(); ++i)
            missing += (missing.empty() ? "" : ", ") + required[i];
        throw CommandLineError("Not enough arguments (missing: \"" + missing + "\").");
    }
    return values;
}

std::string pad(const std::string &text, std::size_t width) {
    return text + std::string(width > text.size() ? width - text.size() : 0, ' ');
}

std::string namespace_of(const std::string &name) {
    const auto colon = name.find(':');
    return colon == std::string::npos ? std::string() : name.substr(0, colon);
}

}  // namespace

std::vector<std::string> all_command_names(const Registry &registry) {
    std::vector<std::string> names;
    for (const auto &[name, info] : builtin_info()) names.push_back(name);
    for (const auto *command : registry.commands()) {
        names.push_back(command->name);
        names.insert(names.end(), command->aliases.begin(), command->aliases.end());
    }
    return names;
}

int run_list(const BuiltinContext &context, const std::vector<std::string> &args) {
    const auto values = positionals(args, 1, {});
    const std::string wanted = values.empty() ? std::string() : values.front();
    std::map<std::string, std::vector<std::pair<std::string, std::string>>> groups;
    for (const auto &[name, info] : builtin_info()) groups[""].emplace_back(name, info.description);
    for (const auto *command : context.registry.commands())
        groups[namespace_of(command->name)].emplace_back(command->name, command->description);
    if (!wanted.empty() && groups.count(wanted) == 0)
        throw CommandLineError("There are no commands defined in the \"" + wanted + "\" namespace.");
    std::size_t width = 0;
    for (const auto &[ns, commands] : groups)
        for (const auto &[name, description] : commands) width = std::max(width, name.size());

    const Terminal &t = context.terminal;
    std::string out;
    if (wanted.empty()) {
        out += "pim-host " + t.colour(Colour::green, PIM_HOST_VERSION) +
               " (environment: " + context.environment + ")\n\n";
        out += t.colour(Colour::yellow, "Usage:") + "\n  command [options] [arguments]\n\n";
        out += t.colour(Colour::yellow, "Options:") + "\n" + global_options_help + "\n";
        out += t.colour(Colour::yellow, "Available commands:") + "\n";
    } else {
        out += t.colour(Colour::yellow, "Available commands for the \"" + wanted + "\" namespace:") + "\n";
    }
    for (const auto &[ns, commands] : groups) {
        if (!wanted.empty() && ns != wanted) continue;
        if (!ns.empty() && wanted.empty()) out += " " + t.colour(Colour::yellow, ns) + "\n";
        for (const auto &[name, description] : commands)
            out += "  " + t.colour(Colour::green, pad(name, width)) + "  " + description + "\n";
    }
    t.out(out);
    return 0;
}

int run_help(const BuiltinContext &context, const std::vector<std::string> &args) {
    const auto values = positionals(args, 1, {});
    const std::string name = values.empty() ? "list" : values.front();
    const Terminal &t = context.terminal;
    std::string description, synopsis, body;
    std::vector<std::string> aliases;
    if (const auto builtin = builtin_info().find(name); builtin != builtin_info().end()) {
        description = builtin->second.description;
        synopsis = builtin->second.synopsis;
        if (!builtin->second.arguments.empty()) body = "Arguments:\n" + builtin->second.arguments + "\n";
    } else if (const auto *command = context.registry.find_command(name)) {
        description = command->description;
        synopsis = command->synopsis.empty() ? command->name : command->synopsis;
        aliases = command->aliases;
        body = command->help;
        if (!body.empty() && body.back() != '\n') body += "\n";
        if (!body.empty()) body += "\n";
    } else {
        return report_unknown_command(context, name);
    }
    std::string out = t.colour(Colour::yellow, "Description:") + "\n  " + description + "\n\n";
    out += t.colour(Colour::yellow, "Usage:") + "\n  " + synopsis + "\n";
    for (const auto &alias : aliases) out += "  " + alias + "\n";
    out += "\n" + body + t.colour(Colour::yellow, "Global options:") + "\n" + global_options_help;
    t.out(out);
    return 0;
}

int run_hooks(const BuiltinContext &context, const std::vector<std::string> &args) {
    positionals(args, 0, {});
    const auto hooks = context.registry.hooks();
    const Terminal &t = context.terminal;
    if (hooks.empty()) {
        t.out("No admin hook is registered.\n");
        return 0;
    }
    std::size_t width = 0;
    for (const auto *hook : hooks) width = std::max(width, hook->name.size());
    std::string out = t.colour(Colour::yellow, "Available admin hooks:") + "\n";
    for (const auto *hook : hooks)
        out += "  " + t.colour(Colour::green, pad(hook->name, width)) + "  " + hook->description + "\n";
    t.out(out);
    return 0;
}

int run_hook(const BuiltinContext &context, const std::vector<std::string> &args) {
    const auto values = positionals(args, 2, {"name"});
    const HookEntry *hook = context.registry.find_hook(values[0]);
    if (hook == nullptr) {
        std::vector<std::string> names;
        for (const auto *entry : context.registry.hooks()) names.push_back(entry->name);
        std::string message = "Hook \"" + values[0] + "\" is not defined.";
        message += did_you_mean_sentence(values[0], names);
        message += " Run \"pim-host hooks\" to see them all.";
        throw CommandLineError(message);
    }
    std::string request = values.size() > 1 ? values[1] : "{}";
    if (request == "-") request = Terminal::read_all_stdin();
    std::string response;
    const pim_sink sink{&response, [](void *opaque, const char *data, size_t length) {
                            static_cast<std::string *>(opaque)->append(data, length);
                        }};
    const int status = hook->call(request.data(), request.size(), sink);
    if (!response.empty()) context.terminal.out(response + "\n");
    return status >= 200 && status < 300 ? 0 : 1;
}

int run_plugins(const BuiltinContext &context, const std::vector<std::string> &args) {
    positionals(args, 0, {});
    const Terminal &t = context.terminal;
    if (context.plugins.plugins().empty()) {
        t.out("No plugin is loaded.\n");
        return 0;
    }
    std::string out;
    for (const auto &plugin : context.plugins.plugins()) {
        out += t.colour(Colour::green, plugin->name) + " " + plugin->version + " (ABI " +
               std::to_string(plugin->descriptor->abi_major) + "." +
               std::to_string(plugin->descriptor->abi_minor) + ") " + plugin->file.string() + "\n";
        // ABI 1.3: the admin console pages it contributes (served by `serve`).
        for (const AdminPageEntry *page : context.registry.admin_pages())
            if (page->plugin == plugin.get())
                out += "  admin page: " + page->menu + " > " + page->label + "  " + page->path + "\n";
    }
    t.out(out);
    return 0;
}

int report_unknown_command(const BuiltinContext &context, const std::string &name) {
    std::string message = "Command \"" + name + "\" is not defined.";
    const auto close = suggestions(name, all_command_names(context.registry));
    context.terminal.error_message(message);
    if (!close.empty()) {
        std::string text = close.size() == 1 ? "\nDid you mean this?\n" : "\nDid you mean one of these?\n";
        for (const auto &candidate : close) text += "    " + candidate + "\n";
        context.terminal.err(text);
    }
    return 1;
}

}  // namespace pim::host
