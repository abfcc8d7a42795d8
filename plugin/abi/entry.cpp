// The plugin's only exported symbol and its C boundary, as LevelDB's c.cc:
// every function here converts arguments, calls into App (the composition
// root, built in init), catches every exception and answers with a status
// and a message. Nothing else lives here.
#include "abi/host_config.hpp"
#include "abi/metric_registration.hpp"
#include "admin/admin_console.hpp"
#include "app/app.hpp"
#include "app/monitoring.hpp"
#include "console/command.hpp"
#include "domain/errors.hpp"
#include "hooks/admin_hook.hpp"
#include "http/authenticator.hpp"
#include "http/health_endpoints.hpp"
#include "http/introspection_endpoint.hpp"
#include "http/metadata_endpoint.hpp"
#include "http/revocation_endpoint.hpp"
#include "http/token_endpoint.hpp"

#include "pim/plugin_abi.h"

#include <sodium.h>

#include <array>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#ifndef PIM_OAUTH_VERSION
#define PIM_OAUTH_VERSION "0.0.0"
#endif

namespace pim {
namespace {

App &app_of(void *plugin_state) {
    return *static_cast<App *>(plugin_state);
}

void write_message(const pim_sink *sink, const std::string &message) {
    if (sink != nullptr && sink->write != nullptr) sink->write(sink->opaque, message.data(), message.size());
}

// --- handlers -------------------------------------------------------------
// A host of ABI 1.1 or newer calls the *_v2 trampolines with the user_data
// given at registration (the Command, the AdminHook). A 1.0 host knows only
// the 1.0 handlers: those find the command or hook by name.

int command_trampoline(void *plugin_state, void *user_data, const pim_command_invocation *invocation) {
    try {
        return run_command(*static_cast<const Command *>(user_data), app_of(plugin_state), *invocation);
    } catch (...) {
        return 1;
    }
}

int command_trampoline_1_0(void *plugin_state, const pim_command_invocation *invocation) {
    try {
        const Command *command = app_of(plugin_state).find_command(invocation->command_name);
        return command == nullptr
                   ? 1
                   : command_trampoline(plugin_state, const_cast<Command *>(command), invocation);
    } catch (...) {
        return 1;
    }
}

int hook_trampoline(void *plugin_state, void *user_data, const char * /*hook_name*/, const char *request,
                    size_t length, const pim_sink *response_body) {
    try {
        std::string response;
        const int status = run_admin_hook(*static_cast<const AdminHook *>(user_data), app_of(plugin_state),
                                          std::string_view(request, length), response);
        write_message(response_body, response);
        return status;
    } catch (...) {
        return 500;
    }
}

int hook_trampoline_1_0(void *plugin_state, const char *hook_name, const char *request, size_t length,
                        const pim_sink *response_body) {
    for (const auto &hook : admin_hooks())
        if (std::string_view(hook.name) == hook_name)
            return hook_trampoline(plugin_state, const_cast<AdminHook *>(&hook), hook_name, request, length,
                                   response_body);
    return 404;
}

pim_status token_trampoline_1_0(void *plugin_state, const pim_http_request *request,
                                const pim_http_response *response) {
    try {
        App &app = app_of(plugin_state);
        handle_token_request(
            *request, app.tokens(), app.throttle(),
            [&app](int level, const std::string &message) { app.log(level, message); }, &app.metrics())
            .send(*response);
        return PIM_OK;
    } catch (...) {
        return PIM_ERR_INTERNAL;  // the host answers 500
    }
}

int token_request_may_block_trampoline(void * /*plugin_state*/, void * /*user_data*/,
                                       const pim_http_request *request) {
    return token_request_may_block(*request) ? 1 : 0;
}

pim_status token_trampoline(void *plugin_state, void * /*user_data*/, const pim_http_request *request,
                            const pim_http_response *response) {
    return token_trampoline_1_0(plugin_state, request, response);
}

// The plugin's other HTTP routes: one table, one trampoline each for 1.0
// hosts, one shared v2 trampoline reading its route from user_data.
struct PluginRoute {
    const char *method;
    const char *path;
    const char *description;
    HttpResponse (*handle)(const pim_http_request &request, App &app);
};

HttpResponse revoke(const pim_http_request &request, App &app) {
    RevocationService revocation([&app]() -> ConnectionPool & { return app.pool(); }, app.settings(),
                                 &app.monitoring());
    return handle_revocation_request(
        request, revocation, app.throttle(),
        [&app](int level, const std::string &message) { app.log(level, message); });
}

HttpResponse introspect(const pim_http_request &request, App &app) {
    IntrospectionService introspection([&app]() -> ConnectionPool & { return app.pool(); }, app.settings(),
                                       &app.monitoring());
    return handle_introspection_request(
        request, introspection, app.throttle(),
        [&app](int level, const std::string &message) { app.log(level, message); });
}

HttpResponse metadata(const pim_http_request &request, App &app) {
    return handle_metadata_request(request, app.settings());
}

HttpResponse liveness(const pim_http_request &request, App & /*app*/) {
    return handle_liveness_request(request);
}

HttpResponse readiness(const pim_http_request &request, App &app) {
    return handle_readiness_request(
        request, [&app]() -> ConnectionPool & { return app.pool(); },
        [&app](int level, const std::string &message) { app.log(level, message); });
}

const std::array<PluginRoute, 5> plugin_routes{{
    {"*", revocation_path, "OAuth2 token revocation (RFC 7009)", revoke},
    {"*", introspection_path, "OAuth2 token introspection (RFC 7662), for allowed clients", introspect},
    {"*", metadata_path, "OAuth2 authorization server metadata (RFC 8414)", metadata},
    {"*", liveness_path, "Liveness check: the process answers", liveness},
    {"*", readiness_path, "Readiness check: the database answers with the current schema", readiness},
}};

// 429s of the revocation and introspection endpoints (client-secret throttle).
void count_throttled(const PluginRoute &route, const HttpResponse &answer, App &app) {
    if (answer.status != 429) return;
    if (route.path == std::string_view(revocation_path)) app.metrics().throttled("revoke");
    if (route.path == std::string_view(introspection_path)) app.metrics().throttled("introspect");
}

pim_status route_trampoline(void *plugin_state, void *user_data, const pim_http_request *request,
                            const pim_http_response *response) {
    try {
        const auto &route = *static_cast<const PluginRoute *>(user_data);
        const HttpResponse answer = route.handle(*request, app_of(plugin_state));
        count_throttled(route, answer, app_of(plugin_state));
        answer.send(*response);
        return PIM_OK;
    } catch (...) {
        return PIM_ERR_INTERNAL;  // the host answers 500
    }
}

template <std::size_t Index>
pim_status route_trampoline_1_0(void *plugin_state, const pim_http_request *request,
                                const pim_http_response *response) {
    return route_trampoline(plugin_state, const_cast<PluginRoute *>(&plugin_routes[Index]), request,
                            response);
}

template <std::size_t... Index>
constexpr std::array<pim_http_handler, sizeof...(Index)> route_handlers_1_0(std::index_sequence<Index...>) {
    return {route_trampoline_1_0<Index>...};
}

const auto plugin_route_handlers_1_0 = route_handlers_1_0(std::make_index_sequence<plugin_routes.size()>());

// The host's refusal response, with the status the authenticator sets
// noted on the way (for the bearer-check metrics). On the stack: no allocation.
class StatusTap {
public:
    explicit StatusTap(const pim_http_response &inner) : inner_(inner) {
        tapped_.struct_size = sizeof tapped_;
        tapped_.opaque = this;
        tapped_.set_status = [](void *opaque, int status) {
            auto *tap = static_cast<StatusTap *>(opaque);
            tap->status_ = status;
            tap->inner_.set_status(tap->inner_.opaque, status);
        };
        tapped_.add_header = [](void *opaque, pim_string_view name, pim_string_view value) {
            auto *tap = static_cast<StatusTap *>(opaque);
            tap->inner_.add_header(tap->inner_.opaque, name, value);
        };
        tapped_.write_body = [](void *opaque, const char *data, size_t length) {
            auto *tap = static_cast<StatusTap *>(opaque);
            tap->inner_.write_body(tap->inner_.opaque, data, length);
        };
    }
    StatusTap(const StatusTap &) = delete;
    StatusTap &operator=(const StatusTap &) = delete;

    [[nodiscard]] const pim_http_response &response() const { return tapped_; }
    [[nodiscard]] int status() const { return status_; }

private:
    const pim_http_response &inner_;
    pim_http_response tapped_{};
    int status_ = 500;
};

int authenticate_trampoline(void *plugin_state, void *user_data, const pim_auth_request *request,
                            const pim_principal_sink *principal, const pim_http_response *refusal) {
    auto &authenticator = *static_cast<Authenticator *>(user_data);
    PluginMetrics &metrics = app_of(plugin_state).metrics();
    if (!metrics.enabled()) return authenticator.authenticate(*request, *principal, *refusal);
    const auto started = std::chrono::steady_clock::now();
    const StatusTap tap(*refusal);
    const int result = authenticator.authenticate(*request, *principal, tap.response());
    const std::chrono::duration<double> taken = std::chrono::steady_clock::now() - started;
    const int status = result == PIM_AUTH_GRANTED ? 200 : tap.status();
    metrics.bearer_check(status, taken.count());
    return result;
}

int authenticate_trampoline_1_0(void *plugin_state, const pim_auth_request *request,
                                const pim_principal_sink *principal, const pim_http_response *refusal) {
    return authenticate_trampoline(plugin_state, &app_of(plugin_state).authenticator(), request, principal,
                                   refusal);
}

// The admin console (ABI 1.3): its pages, scripts, login and hook endpoint.
// Only a host offering register_admin_page gets them; it reads handler_v2.
struct AdminRoute {
    const char *method;
    std::string path;
    std::function<HttpResponse(const pim_http_request &, App &)> handle;
    unsigned flags;
};

const std::vector<AdminRoute> &admin_routes() {
    static const std::vector<AdminRoute> routes = [] {
        std::vector<AdminRoute> all{
            {"GET", admin_root_path, [](const pim_http_request &r, App &) { return handle_admin_root(r); },
             0},
            // Argon2id runs in the login and in hooks that set a password.
            {"*", admin_login_path, handle_admin_login, PIM_ROUTE_MAY_BLOCK},
            {"POST", admin_logout_path, handle_admin_logout, 0},
            {"GET", admin_session_path, handle_admin_session, 0},
            {"POST", admin_hook_path, handle_admin_hook, PIM_ROUTE_MAY_BLOCK},
        };
        for (const auto &page : admin_pages())
            all.push_back(
                {"GET", page.path,
                 [&page](const pim_http_request &r, App &app) { return handle_admin_page(r, app, page); },
                 0});
        for (const auto &path : admin_asset_paths())
            all.push_back(
                {"GET", path, [](const pim_http_request &r, App &) { return handle_admin_asset(r); }, 0});
        return all;
    }();
    return routes;
}

pim_status admin_route_trampoline(void *plugin_state, void *user_data, const pim_http_request *request,
                                  const pim_http_response *response) {
    try {
        static_cast<const AdminRoute *>(user_data)->handle(*request, app_of(plugin_state)).send(*response);
        return PIM_OK;
    } catch (...) {
        return PIM_ERR_INTERNAL;  // the host answers 500
    }
}

bool host_has_admin_pages(const pim_host_services &host) {
    return PIM_HAS_MEMBER(&host, pim_host_services, register_admin_page) &&
           host.register_admin_page != nullptr;
}

pim_status register_admin_console(const pim_host_services &host, pim_host_context *ctx,
                                  const pim_sink *error) {
    for (const auto &route : admin_routes()) {
        pim_http_route_def def{};
        def.struct_size = sizeof def;
        def.method = route.method;
        def.path = route.path.c_str();
        def.description = "Admin console";
        def.user_data = const_cast<AdminRoute *>(&route);
        def.handler_v2 = admin_route_trampoline;
        def.flags = route.flags;
        if (const auto status = host.register_http_route(ctx, &def, error); status != PIM_OK) return status;
    }
    for (const auto &page : admin_pages()) {
        pim_admin_page_def def{};
        def.struct_size = sizeof def;
        def.menu = "System";
        def.label = page.label;
        def.path = page.path;
        def.position = page.position;
        if (const auto status = host.register_admin_page(ctx, &def, error); status != PIM_OK) return status;
    }
    return PIM_OK;
}

// --- registration: App's offer, converted into the ABI's definitions ------

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
    def.handler = command_trampoline_1_0;
    def.user_data = const_cast<Command *>(&command);
    def.handler_v2 = command_trampoline;
    return host.register_command(ctx, &def, error);
}

pim_status register_hook(const pim_host_services &host, pim_host_context *ctx, const AdminHook &hook,
                         const pim_sink *error) {
    pim_admin_hook_def def{};
    def.struct_size = sizeof def;
    def.name = hook.name;
    def.description = hook.description;
    def.handler = hook_trampoline_1_0;
    def.user_data = const_cast<AdminHook *>(&hook);
    def.handler_v2 = hook_trampoline;
    return host.register_admin_hook(ctx, &def, error);
}

pim_status register_http(const pim_host_services &host, pim_host_context *ctx, App &app,
                         const pim_sink *error) {
    pim_http_route_def route{};
    route.struct_size = sizeof route;
    route.method = "*";  // other methods get the reference's 405
    route.path = token_path;
    route.description = "OAuth2 token endpoint (password, refresh_token and client_credentials grants)";
    route.handler = token_trampoline_1_0;
    route.handler_v2 = token_trampoline;
    // Argon2id verification and rehash run here: a 1.2 host keeps them off its
    // I/O threads (older hosts read only up to handler_v2); a 1.4 host asks
    // which requests hash, and runs the others (refresh grants) in place.
    route.flags = PIM_ROUTE_MAY_BLOCK;
    route.request_may_block = token_request_may_block_trampoline;
    if (const auto status = host.register_http_route(ctx, &route, error); status != PIM_OK) return status;
    for (std::size_t i = 0; i < plugin_routes.size(); ++i) {
        pim_http_route_def extra{};
        extra.struct_size = sizeof extra;
        extra.method = plugin_routes[i].method;
        extra.path = plugin_routes[i].path;
        extra.description = plugin_routes[i].description;
        extra.handler = plugin_route_handlers_1_0[i];
        extra.user_data = const_cast<PluginRoute *>(&plugin_routes[i]);
        extra.handler_v2 = route_trampoline;
        if (const auto status = host.register_http_route(ctx, &extra, error); status != PIM_OK) return status;
    }
    pim_authenticator_def authenticator{};
    authenticator.struct_size = sizeof authenticator;
    authenticator.name = "pim-oauth bearer tokens";
    authenticator.authenticate = authenticate_trampoline_1_0;
    authenticator.user_data = &app.authenticator();
    authenticator.authenticate_v2 = authenticate_trampoline;
    return host.register_authenticator(ctx, &authenticator, error);
}

pim_status register_everything(const pim_host_services &host, pim_host_context *ctx, App &app,
                               const pim_sink *error) {
    for (const char *section : owned_config_sections)
        if (const auto status = host.register_config_section(ctx, section, error); status != PIM_OK)
            return status;
    for (const auto &command : app.commands())
        if (const auto status = register_command(host, ctx, *command, error); status != PIM_OK) return status;
    for (const auto &hook : admin_hooks())
        if (const auto status = register_hook(host, ctx, hook, error); status != PIM_OK) return status;
    if (const auto status = register_http(host, ctx, app, error); status != PIM_OK) return status;
    return host_has_admin_pages(host) ? register_admin_console(host, ctx, error) : PIM_OK;
}

// --- life cycle -----------------------------------------------------------

pim_status init(const pim_host_services *host, pim_host_context *ctx, void **plugin_state,
                const pim_sink *error) {
    try {
        // Any host of ABI 1.x will do: this plugin uses only the 1.0 services.
        if (host == nullptr || host->struct_size < PIM_HOST_SERVICES_SIZE_1_0 || plugin_state == nullptr) {
            write_message(error, "pim-oauth needs a host implementing plugin ABI 1.0 or newer");
            return PIM_ERR_INVALID_ARGUMENT;
        }
        if (sodium_init() < 0) {
            write_message(error, "libsodium could not be initialised");
            return PIM_ERR_INTERNAL;
        }
        auto app = std::make_unique<App>(load_settings(HostConfig(*host, ctx)), *host, ctx);
        if (const auto status = register_everything(*host, ctx, *app, error); status != PIM_OK) return status;
        if (const auto status = register_plugin_metrics(*host, ctx, app->metrics(), error); status != PIM_OK)
            return status;
        *plugin_state = app.release();
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
    delete static_cast<App *>(plugin_state);
}

// Opens the pool before the host listens: an outdated schema or an
// unreachable database stops `serve` at once instead of at the first call.
pim_status before_serve(void *plugin_state, const pim_sink *error) {
    try {
        (void)app_of(plugin_state).pool().acquire();
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
