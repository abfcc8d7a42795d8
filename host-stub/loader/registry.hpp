// Everything plugins registered: commands, admin hooks, HTTP routes, the
// request authenticator and the configuration sections they own. Filled
// during plugin init only; read-only afterwards (safe to share by threads).
#pragma once

#include "pim/plugin_abi.h"

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace pim::host {

struct PluginRecord;

// Each entry keeps the 1.0 handler and, from ABI 1.1, the handler_v2 and
// user_data of its definition; call() uses handler_v2 when it is set.
struct CommandEntry {
    std::string name, description, synopsis, help;
    std::vector<std::string> aliases;
    pim_command_handler handler = nullptr;
    pim_command_handler_v2 handler_v2 = nullptr;
    void *user_data = nullptr;
    const PluginRecord *plugin = nullptr;
    int call(const pim_command_invocation &invocation) const;
};

struct HookEntry {
    std::string name, description;
    pim_admin_hook_handler handler = nullptr;
    pim_admin_hook_handler_v2 handler_v2 = nullptr;
    void *user_data = nullptr;
    const PluginRecord *plugin = nullptr;
    int call(const char *request, std::size_t length, const pim_sink &response_body) const;
};

struct RouteEntry {
    std::string method, path, description;
    pim_http_handler handler = nullptr;
    pim_http_handler_v2 handler_v2 = nullptr;
    void *user_data = nullptr;
    const PluginRecord *plugin = nullptr;
    // ABI 1.2, PIM_ROUTE_MAY_BLOCK: served by the worker pool, off the I/O threads.
    bool may_block = false;
    // ABI 1.4: which requests of a may_block route may block; nullptr: all.
    int (*request_may_block)(void *, void *, const pim_http_request *) = nullptr;
    pim_status call(const pim_http_request &request, const pim_http_response &response) const;
    // Whether `request` goes to the worker pool (may_block, and the plugin
    // does not say this one never blocks).
    [[nodiscard]] bool blocks(const pim_http_request &request) const;
};

struct AuthenticatorEntry {
    std::string name;
    pim_authenticate_fn authenticate = nullptr;
    pim_authenticate_fn_v2 authenticate_v2 = nullptr;
    void *user_data = nullptr;
    const PluginRecord *plugin = nullptr;
    int call(const pim_auth_request &request, const pim_principal_sink &principal,
             const pim_http_response &refusal) const;
};

// ABI 1.3: a page of a plugin's admin console, listed in the host's menu.
struct AdminPageEntry {
    std::string menu, label, path;
    int position = 0;
    const PluginRecord *plugin = nullptr;
};

// What one plugin registered during its init; committed only if init succeeds.
struct Registrations {
    const PluginRecord *plugin = nullptr;
    std::vector<CommandEntry> commands;
    std::vector<HookEntry> hooks;
    std::vector<RouteEntry> routes;
    std::vector<AuthenticatorEntry> authenticators;
    std::set<std::string> config_sections;
    std::vector<AdminPageEntry> admin_pages;
};

class Registry {
public:
    explicit Registry(std::set<std::string> reserved_commands, std::set<std::string> host_sections);

    // Empty string when `name` is free; otherwise who holds it.
    [[nodiscard]] std::string command_owner(std::string_view name, const Registrations &staged) const;
    [[nodiscard]] std::string hook_owner(std::string_view name, const Registrations &staged) const;
    [[nodiscard]] std::string route_owner(std::string_view method, std::string_view path,
                                          const Registrations &staged) const;
    [[nodiscard]] std::string authenticator_owner(const Registrations &staged) const;
    [[nodiscard]] std::string section_owner(std::string_view section, const Registrations &staged) const;

    void commit(Registrations registrations);

    [[nodiscard]] const CommandEntry *find_command(std::string_view name_or_alias) const;
    [[nodiscard]] std::vector<const CommandEntry *> commands() const;  // by name
    [[nodiscard]] const HookEntry *find_hook(std::string_view name) const;
    [[nodiscard]] std::vector<const HookEntry *> hooks() const;  // by name
    [[nodiscard]] const std::vector<RouteEntry> &routes() const { return routes_; }
    [[nodiscard]] const AuthenticatorEntry *authenticator() const {
        return authenticators_.empty() ? nullptr : &authenticators_.front();
    }
    [[nodiscard]] std::set<std::string> config_sections() const;  // host's and plugins'
    [[nodiscard]] std::string admin_page_owner(std::string_view path, const Registrations &staged) const;
    // By menu, then position, then label.
    [[nodiscard]] std::vector<const AdminPageEntry *> admin_pages() const;

private:
    std::set<std::string> reserved_commands_;
    std::set<std::string> host_sections_;
    std::vector<CommandEntry> commands_;
    std::map<std::string, std::size_t, std::less<>> command_index_;  // names and aliases
    std::vector<HookEntry> hooks_;
    std::vector<RouteEntry> routes_;
    std::vector<AuthenticatorEntry> authenticators_;
    std::map<std::string, std::string, std::less<>> section_owners_;
    std::vector<AdminPageEntry> admin_pages_;
};

}  // namespace pim::host
