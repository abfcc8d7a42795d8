#include "loader/registry.hpp"

#include "loader/plugin_record.hpp"

#include <algorithm>
#include <tuple>

namespace pim::host {
namespace {

std::string owner_of(const PluginRecord *plugin) {
    return plugin == nullptr ? "the host" : "plugin " + plugin->name + " (" + plugin->file.string() + ")";
}

template <typename Entry, typename Match>
const Entry *find_in(const std::vector<Entry> &entries, Match match) {
    const auto found = std::find_if(entries.begin(), entries.end(), match);
    return found == entries.end() ? nullptr : &*found;
}

}  // namespace

int CommandEntry::call(const pim_command_invocation &invocation) const {
    if (handler_v2 != nullptr) return handler_v2(plugin->state, user_data, &invocation);
    return handler(plugin->state, &invocation);
}

int HookEntry::call(const char *request, std::size_t length, const pim_sink &response_body) const {
    if (handler_v2 != nullptr)
        return handler_v2(plugin->state, user_data, name.c_str(), request, length, &response_body);
    return handler(plugin->state, name.c_str(), request, length, &response_body);
}

pim_status RouteEntry::call(const pim_http_request &request, const pim_http_response &response) const {
    if (handler_v2 != nullptr) return handler_v2(plugin->state, user_data, &request, &response);
    return handler(plugin->state, &request, &response);
}

bool RouteEntry::blocks(const pim_http_request &request) const {
    if (!may_block) return false;
    return request_may_block == nullptr || request_may_block(plugin->state, user_data, &request) != 0;
}

int AuthenticatorEntry::call(const pim_auth_request &request, const pim_principal_sink &principal,
                             const pim_http_response &refusal) const {
    if (authenticate_v2 != nullptr)
        return authenticate_v2(plugin->state, user_data, &request, &principal, &refusal);
    return authenticate(plugin->state, &request, &principal, &refusal);
}

Registry::Registry(std::set<std::string> reserved_commands, std::set<std::string> host_sections)
    : reserved_commands_(std::move(reserved_commands)), host_sections_(std::move(host_sections)) {}

std::string Registry::command_owner(std::string_view name, const Registrations &staged) const {
    if (reserved_commands_.count(std::string(name)) > 0) return "the host";
    if (const auto found = command_index_.find(name); found != command_index_.end())
        return owner_of(commands_[found->second].plugin);
    for (const auto &command : staged.commands)
        if (command.name == name ||
            std::find(command.aliases.begin(), command.aliases.end(), name) != command.aliases.end())
            return "the same plugin";
    return {};
}

std::string Registry::hook_owner(std::string_view name, const Registrations &staged) const {
    if (const auto *hook = find_hook(name)) return owner_of(hook->plugin);
    if (find_in(staged.hooks, [&](const HookEntry &h) { return h.name == name; }) != nullptr)
        return "the same plugin";
    return {};
}

std::string Registry::route_owner(std::string_view method, std::string_view path,
                                  const Registrations &staged) const {
    const auto clash = [&](const RouteEntry &r) {
        return r.path == path && (r.method == method || r.method == "*" || method == "*");
    };
    if (const auto *route = find_in(routes_, clash)) return owner_of(route->plugin);
    if (find_in(staged.routes, clash) != nullptr) return "the same plugin";
    return {};
}

std::string Registry::authenticator_owner(const Registrations &staged) const {
    if (!authenticators_.empty()) return owner_of(authenticators_.front().plugin);
    if (!staged.authenticators.empty()) return "the same plugin";
    return {};
}

std::string Registry::section_owner(std::string_view section, const Registrations &staged) const {
    if (host_sections_.count(std::string(section)) > 0) return "the host";
    if (const auto found = section_owners_.find(section); found != section_owners_.end())
        return found->second;
    if (staged.config_sections.count(std::string(section)) > 0) return "the same plugin";
    return {};
}

std::string Registry::admin_page_owner(std::string_view path, const Registrations &staged) const {
    const auto same = [&](const AdminPageEntry &page) { return page.path == path; };
    if (const auto *page = find_in(admin_pages_, same)) return owner_of(page->plugin);
    if (find_in(staged.admin_pages, same) != nullptr) return "the same plugin";
    return {};
}

std::vector<const AdminPageEntry *> Registry::admin_pages() const {
    std::vector<const AdminPageEntry *> pages;
    for (const auto &page : admin_pages_) pages.push_back(&page);
    std::stable_sort(pages.begin(), pages.end(), [](const AdminPageEntry *a, const AdminPageEntry *b) {
        return std::tie(a->menu, a->position, a->label) < std::tie(b->menu, b->position, b->label);
    });
    return pages;
}

void Registry::commit(Registrations registrations) {
    for (auto &command : registrations.commands) {
        const std::size_t index = commands_.size();
        command_index_.emplace(command.name, index);
        for (const auto &alias : command.aliases) command_index_.emplace(alias, index);
        commands_.push_back(std::move(command));
    }
    for (auto &hook : registrations.hooks) hooks_.push_back(std::move(hook));
    for (auto &route : registrations.routes) routes_.push_back(std::move(route));
    for (auto &authenticator : registrations.authenticators)
        authenticators_.push_back(std::move(authenticator));
    for (const auto &section : registrations.config_sections)
        section_owners_.emplace(section, owner_of(registrations.plugin));
    for (auto &page : registrations.admin_pages) admin_pages_.push_back(std::move(page));
}

const CommandEntry *Registry::find_command(std::string_view name_or_alias) const {
    const auto found = command_index_.find(name_or_alias);
    return found == command_index_.end() ? nullptr : &commands_[found->second];
}

std::vector<const CommandEntry *> Registry::commands() const {
    std::vector<const CommandEntry *> out;
    for (const auto &command : commands_) out.push_back(&command);
    std::sort(out.begin(), out.end(), [](const auto *a, const auto *b) { return a->name < b->name; });
    return out;
}

const HookEntry *Registry::find_hook(std::string_view name) const {
    return find_in(hooks_, [&](const HookEntry &h) { return h.name == name; });
}

std::vector<const HookEntry *> Registry::hooks() const {
    std::vector<const HookEntry *> out;
    for (const auto &hook : hooks_) out.push_back(&hook);
    std::sort(out.begin(), out.end(), [](const auto *a, const auto *b) { return a->name < b->name; });
    return out;
}

std::set<std::string> Registry::config_sections() const {
    std::set<std::string> sections = host_sections_;
    for (const auto &[section, owner] : section_owners_) sections.insert(section);
    return sections;
}

}  // namespace pim::host
