#include "server/serve_command.hpp"

#include "host_error.hpp"
#include "server/buffered_log.hpp"
#include "server/http_server.hpp"

#include <optional>

namespace pim::host {
namespace {

// The plugins open their connections before the port opens.
void prepare_plugins(const PluginHost &plugins) {
    for (const auto &plugin : plugins.plugins()) {
        if (plugin->descriptor->before_serve == nullptr) continue;
        std::string message;
        const pim_sink sink{&message, [](void *opaque, const char *data, size_t length) {
                                static_cast<std::string *>(opaque)->append(data, length);
                            }};
        if (plugin->descriptor->before_serve(plugin->state, &sink) != PIM_OK)
            throw HostError("Cannot serve: plugin " + plugin->name + " is not ready: " + message);
    }
}

std::string listen_option(const std::vector<std::string> &args, std::string listen) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &arg = args[i];
        if (arg.rfind("--listen=", 0) == 0) {
            listen = arg.substr(9);
        } else if (arg == "--listen") {
            if (i + 1 >= args.size()) throw CommandLineError("The \"--listen\" option requires a value.");
            listen = args[++i];
        } else if (arg.size() > 1 && arg[0] == '-') {
            throw CommandLineError("The \"" + arg.substr(0, arg.find('=')) + "\" option does not exist.");
        } else {
            throw CommandLineError("Too many arguments.");
        }
    }
    return listen;
}

}  // namespace

int run_serve(const BuiltinContext &context, const std::vector<std::string> &args) {
    ServeOptions options;
    options.settings = context.settings.server;
    options.settings.listen = listen_option(args, options.settings.listen);
    parse_listen_address(options.settings.listen);  // fail before touching the database
    if (context.settings.environment == "dev") {
        const bool chosen = context.settings.environment_origin != "the default";
        context.terminal.err("[warning] Serving the dev environment (" +
                             (chosen ? "from " + context.settings.environment_origin
                                     : std::string("the default: no --env, no PIM_ENV")) +
                             "): development settings, not for production." +
                             (chosen ? "" : " Pass --env=prod or set PIM_ENV=prod.") + "\n");
    }
    prepare_plugins(context.plugins);
    const Terminal &terminal = context.terminal;
    options.announce = [&terminal](const std::string &line) { terminal.out(line + "\n"); };
    BufferedLog request_log([&terminal](std::string_view lines) { terminal.out(lines); },
                            std::chrono::milliseconds(options.settings.log_flush_ms));
    options.log = [&request_log](const std::string &line) { request_log.append(line); };
    std::optional<HttpMetrics> metrics;
    if (Metrics *registry = context.plugins.metrics(); registry != nullptr) {
        try {
            options.metrics = &metrics.emplace(*registry, context.registry);
        } catch (const MetricError &error) {
            throw HostError(std::string("Cannot serve: ") + error.what());
        }
    }
    SampleCatalog catalog;
    const Router router(context.registry, catalog);
    return serve(router, options);
}

}  // namespace pim::host
