// The plugin's only exported symbol and the C boundary: init registers the
// commands (and later hooks, routes, the authenticator) through the host's
// services; every call coming back in goes through a trampoline that never
// lets an exception escape.
#include "abi/host_config.hpp"
#include "app/app.hpp"
#include "console/command.hpp"
#include "domain/errors.hpp"
#include "hooks/admin_hook.hpp"
#include "http/authenticator.hpp"
#include "http/token_endpoint.hpp"

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
    std::unique_ptr<TokenService> tokens;
    std::unique_ptr<Throttle> throttle;
    std::unique_ptr<Authenticator> authenticator;
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

void send(const HttpResponse &response, const pim_http_response *out) {
    response.send(*out);
}

pim_status token_route(void *plugin_state, const pim_http_request *request,
                       const pim_http_response *response) {
    auto *state = static_cast<PluginState *>(plugin_state);
    try {
        send(handle_token_request(
                 *request, *state->tokens, *state->throttle,
                 [state](int level, const std::string &message) { state->app->log(level, message); }),
             response);
        return PIM_OK;
    } catch (...) {
        return PIM_ERR_INTERNAL;  // the host answers 500
    }
}

int authenticate(void *plugin_state, const pim_auth_request *request, const pim_principal_sink *principal,
                 const pim_http_response *refusal) {
    return static_cast<PluginState *>(plugin_state)
        ->authenticator->authenticate(*request, *principal, *refusal);
}

pim_status register_http(const pim_host_services &host, pim_host_context *ctx, const pim_sink *error) {
    pim_http_route_def route{};
    route.struct_size = sizeof route;
    route.method = "*";  // other methods get the reference's 405
    route.path = token_path;
    route.description = "OAuth2 token endpoint (password, refresh_token and client_credentials grants)";
    route.handler = token_route;
    if (const auto status = host.register_http_route(ctx, &route, error); status != PIM_OK) return status;
    pim_authenticator_def authenticator{};
    authenticator.struct_size = sizeof authenticator;
    authenticator.name = "pim-oauth bearer tokens";
    authenticator.authenticate = authenticate;
    return host.register_authenticator(ctx, &authenticator, error);
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
    return register_http(host, ctx, error);
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
        App *app = state->app.get();
        const auto log = [app](int level, const std::string &message) { app->log(level, message); };
        // The pool opens lazily: on the first request, or in before_serve.
        const auto pool = [app]() -> ConnectionPool & { return app->pool(); };
        state->tokens = std::make_unique<TokenService>(pool, app->settings(), log);
        state->throttle = std::make_unique<Throttle>(pool, app->settings().oauth.throttling);
        state->authenticator = std::make_unique<Authenticator>(pool, app->settings(), log);
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

// Opens the pool before the host listens: an outdated schema or an
// unreachable database stops `serve` at once instead of at the first call.
pim_status before_serve(void *plugin_state, const pim_sink *error) {
    try {
        auto &pool = static_cast<PluginState *>(plugin_state)->app->pool();
        (void)pool.acquire();
        return PIM_OK;
    } catch (const std::exception &e) {
        write_message(error, e.what());
        return PIM_ERR_UNAVAILABLE;
    } catch (...) {
        return PIM_ERR_INTERNAL;
    }
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
    before_serve,
};

}  // namespace
}  // namespace pim

extern "C" PIM_PLUGIN_EXPORT const pim_plugin_descriptor *pim_plugin_entry(void) {
    return &pim::descriptor;
}
