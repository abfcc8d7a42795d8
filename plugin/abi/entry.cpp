// The plugin's only exported symbol and the C boundary: init registers the
// commands (and later hooks, routes, the authenticator) through the host's
// services; every call coming back in goes through a trampoline that never
// lets an exception escape.
#include "abi/host_config.hpp"
#include "app/app.hpp"
#include "console/command.hpp"
#include "domain/errors.hpp"
#include "hooks/admin_hook.hpp"

#include "pim/plugin_abi.h"

#include <sodium.h>

#include <map>
#include <memory>
#include <string>

#ifndef PIM_OAUTH_VERSION
#define PIM_OAUTH_VERSION "0.0.0"
#endif

namespace pim {
namespace {

struct PluginState {
    std::unique_ptr<App> app;
    std::vector<std::unique_ptr<Command>> commands;
    std::map<std::string, const Command *, std::less<>> commands_by_name;
};

void write_message(const pim_sink *sink, const std::string &message) {
    if (sink != nullptr && sink->write != nullptr) sink->write(sink->opaque, message.data(), message.size());
}

int command_trampoline(void *plugin_state, const pim_command_invocation *invocation) {
    auto *state = static_cast<PluginState *>(plugin_state);
    const auto found = state->commands_by_name.find(invocation->command_name);
    if (found == state->commands_by_name.end()) return 1;
    return run_command(*found->second, *state->app, *invocation);
}

int hook_trampoline(void *plugin_state, const char *hook_name, const char *request, size_t length,
                    const pim_sink *response_body) {
    auto *state = static_cast<PluginState *>(plugin_state);
    for (const auto &hook : admin_hooks()) {
        if (std::string_view(hook.name) != hook_name) continue;
        std::string response;
        const int status = run_admin_hook(hook, *state->app, std::string_view(request, length), response);
        write_message(response_body, response);
        return status;
    }
    return 404;
}

pim_status register_hook(const pim_host_services &host, pim_host_context *ctx, const AdminHook &hook,
                         const pim_sink *error) {
    pim_admin_hook_def def{};
    def.struct_size = sizeof def;
    def.name = hook.name;
    def.description = hook.description;
    def.handler = hook_trampoline;
    return host.register_admin_hook(ctx, &def, error);
}

// Strings given to the host are copied by it; these live only for the call.
pim_status register_command(const pim_host_services &host, pim_host_context *ctx, const Command &command,
                            const pim_sink *error) {
    const CommandSpec &spec = command.spec();
    const std::string synopsis = spec.synopsis();
    const std::string help = spec.help();
    std::vector<const char *> aliases;
    for (const auto &alias : spec.aliases) aliases.push_back(alias.c_str());
    aliases.push_back(nullptr);
    pim_command_def def{};
    def.struct_size = sizeof def;
    def.name = spec.name.c_str();
    def.description = spec.description.c_str();
    def.synopsis = synopsis.c_str();
    def.help = help.c_str();
    def.aliases = aliases.data();
    def.handler = command_trampoline;
    return host.register_command(ctx, &def, error);
}

pim_status register_everything(const pim_host_services &host, pim_host_context *ctx, PluginState &state,
                               const pim_sink *error) {
    for (const char *section : owned_config_sections)
        if (const auto status = host.register_config_section(ctx, section, error); status != PIM_OK)
            return status;
    for (const auto &command : state.commands) {
        if (const auto status = register_command(host, ctx, *command, error); status != PIM_OK) return status;
        state.commands_by_name.emplace(command->spec().name, command.get());
        for (const auto &alias : command->spec().aliases)
            state.commands_by_name.emplace(alias, command.get());
    }
    for (const auto &hook : admin_hooks())
        if (const auto status = register_hook(host, ctx, hook, error); status != PIM_OK) return status;
    return PIM_OK;
}

pim_status init(const pim_host_services *host, pim_host_context *ctx, void **plugin_state,
                const pim_sink *error) {
    try {
        if (host == nullptr || host->struct_size < sizeof(pim_host_services) || plugin_state == nullptr) {
            write_message(error, "pim-oauth needs a host implementing plugin ABI 1.0 or newer");
            return PIM_ERR_INVALID_ARGUMENT;
        }
        if (sodium_init() < 0) {
            write_message(error, "libsodium could not be initialised");
            return PIM_ERR_INTERNAL;
        }
        auto state = std::make_unique<PluginState>();
        state->app = std::make_unique<App>(load_settings(HostConfig(*host, ctx)), *host, ctx);
        state->commands = make_commands();
        if (const auto status = register_everything(*host, ctx, *state, error); status != PIM_OK)
            return status;
        *plugin_state = state.release();
        return PIM_OK;
    } catch (const ConfigError &e) {
        write_message(error, e.what());
        return PIM_ERR_CONFIG;
    } catch (const std::exception &e) {
        write_message(error, std::string("pim-oauth failed to start: ") + e.what());
        return PIM_ERR_INTERNAL;
    } catch (...) {
        write_message(error, "pim-oauth failed to start");
        return PIM_ERR_INTERNAL;
    }
}

void shutdown(void *plugin_state) {
    delete static_cast<PluginState *>(plugin_state);
}

const pim_plugin_descriptor descriptor = {
    PIM_PLUGIN_ABI_MAGIC,
    PIM_PLUGIN_ABI_MAJOR,
    PIM_PLUGIN_ABI_MINOR,
    0,  // min_host_abi_minor: needs only the 1.0 services
    0,
    sizeof(pim_plugin_descriptor),
    "pim-oauth",
    PIM_OAUTH_VERSION,
    "Web API authentication: API users, roles, OAuth clients, token endpoint, bearer checks",
    init,
    shutdown,
};

}  // namespace
}  // namespace pim

extern "C" PIM_PLUGIN_EXPORT const pim_plugin_descriptor *pim_plugin_entry(void) {
    return &pim::descriptor;
}
