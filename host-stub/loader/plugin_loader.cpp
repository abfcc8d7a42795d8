#include "loader/plugin_loader.hpp"

#include "host_error.hpp"
#include "loader/plugin_file_check.hpp"
#include "metrics/metric_services.hpp"

#include <dlfcn.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace pim::host {
namespace {

// The ABI minor this host offers: its own, or less in a test host that
// stands for an older one (offer_abi_minor, tests/abi only).
std::uint16_t offered_minor = PIM_PLUGIN_ABI_MINOR;

// How much of a struct this host reads: all of it, or only its 1.0 part
// when standing for a 1.0 host.
template <typename T>
std::size_t known_size(std::size_t size_1_0) {
    return offered_minor >= 1 ? sizeof(T) : size_1_0;
}

// A plugin's struct as this host reads it: the prefix both sides know, the
// rest (members the plugin was built without) zero.
template <typename T>
T read_struct(const T &in, std::size_t known) {
    T out{};
    const std::size_t size = std::min<std::size_t>(in.struct_size, known);
    std::memcpy(&out, &in, size);
    out.struct_size = size;
    return out;
}

void write_sink(const pim_sink *sink, const std::string &text) {
    if (sink != nullptr && sink->write != nullptr) sink->write(sink->opaque, text.data(), text.size());
}

void append_to_string(void *opaque, const char *data, size_t length) {
    static_cast<std::string *>(opaque)->append(data, length);
}

std::string text_or_empty(const char *text) {
    return text == nullptr ? std::string() : std::string(text);
}

bool valid_name(const char *name) {
    if (name == nullptr || *name == '\0') return false;
    const std::string_view view(name);
    return std::none_of(view.begin(), view.end(), [](char c) {
        return static_cast<unsigned char>(c) <= ' ' || static_cast<unsigned char>(c) == 0x7F;
    });
}

// Common checks of every registration: in init, a well-formed definition.
pim_status refuse(pim_host_context *ctx, const pim_sink *error, pim_status status,
                  const std::string &message) {
    if (ctx != nullptr && ctx->refusal.empty()) ctx->refusal = message;
    write_sink(error, message);
    return status;
}

pim_status precheck(pim_host_context *ctx, const void *def, std::size_t struct_size, std::size_t needed,
                    const pim_sink *error, const char *what) {
    if (ctx == nullptr) return PIM_ERR_INVALID_ARGUMENT;
    if (ctx->staging == nullptr)
        return refuse(ctx, error, PIM_ERR_NOT_ALLOWED,
                      std::string(what) + " can only be registered during init");
    if (def == nullptr || struct_size < needed)
        return refuse(ctx, error, PIM_ERR_INVALID_ARGUMENT,
                      std::string("invalid ") + what + " definition (NULL or struct_size too small)");
    return PIM_OK;
}

pim_status register_command(pim_host_context *ctx, const pim_command_def *in, const pim_sink *error) noexcept
    try {
    if (const auto s =
            precheck(ctx, in, in ? in->struct_size : 0, PIM_COMMAND_DEF_SIZE_1_0, error, "a command");
        s != PIM_OK)
        return s;
    const auto def = read_struct(*in, known_size<pim_command_def>(PIM_COMMAND_DEF_SIZE_1_0));
    if (!valid_name(def.name) || (def.handler == nullptr && def.handler_v2 == nullptr))
        return refuse(ctx, error, PIM_ERR_INVALID_ARGUMENT,
                      "a command needs a name without spaces and a handler");
    CommandEntry entry{def.name,
                       text_or_empty(def.description),
                       text_or_empty(def.synopsis),
                       text_or_empty(def.help),
                       {},
                       def.handler,
                       def.handler_v2,
                       def.user_data,
                       ctx->plugin};
    for (const char *const *alias = def.aliases; alias != nullptr && *alias != nullptr; ++alias) {
        if (!valid_name(*alias))
            return refuse(ctx, error, PIM_ERR_INVALID_ARGUMENT, "invalid alias of command " + entry.name);
        entry.aliases.emplace_back(*alias);
    }
    std::vector<std::string> names = entry.aliases;
    names.push_back(entry.name);
    for (const auto &name : names)
        if (const auto owner = ctx->registry->command_owner(name, *ctx->staging); !owner.empty())
            return refuse(ctx, error, PIM_ERR_DUPLICATE,
                          "command \"" + name + "\" is already registered by " + owner);
    ctx->staging->commands.push_back(std::move(entry));
    return PIM_OK;
} catch (...) {
    return PIM_ERR_INTERNAL;
}

pim_status register_admin_hook(pim_host_context *ctx, const pim_admin_hook_def *in,
                               const pim_sink *error) noexcept try {
    if (const auto s =
            precheck(ctx, in, in ? in->struct_size : 0, PIM_ADMIN_HOOK_DEF_SIZE_1_0, error, "an admin hook");
        s != PIM_OK)
        return s;
    const auto def = read_struct(*in, known_size<pim_admin_hook_def>(PIM_ADMIN_HOOK_DEF_SIZE_1_0));
    if (!valid_name(def.name) || (def.handler == nullptr && def.handler_v2 == nullptr))
        return refuse(ctx, error, PIM_ERR_INVALID_ARGUMENT,
                      "an admin hook needs a name without spaces and a handler");
    if (const auto owner = ctx->registry->hook_owner(def.name, *ctx->staging); !owner.empty())
        return refuse(ctx, error, PIM_ERR_DUPLICATE,
                      std::string("admin hook \"") + def.name + "\" is already registered by " + owner);
    ctx->staging->hooks.push_back(
        {def.name, text_or_empty(def.description), def.handler, def.handler_v2, def.user_data, ctx->plugin});
    return PIM_OK;
} catch (...) {
    return PIM_ERR_INTERNAL;
}

pim_status register_http_route(pim_host_context *ctx, const pim_http_route_def *in,
                               const pim_sink *error) noexcept try {
    if (const auto s =
            precheck(ctx, in, in ? in->struct_size : 0, PIM_HTTP_ROUTE_DEF_SIZE_1_0, error, "an HTTP route");
        s != PIM_OK)
        return s;
    // `flags` is 1.2 and `request_may_block` 1.4: a host standing for an
    // older minor reads only what that minor knew.
    const std::size_t known = offered_minor == 1 ? PIM_MEMBER_END(pim_http_route_def, handler_v2)
                              : offered_minor == 2 || offered_minor == 3
                                  ? PIM_MEMBER_END(pim_http_route_def, flags)
                                  : known_size<pim_http_route_def>(PIM_HTTP_ROUTE_DEF_SIZE_1_0);
    const auto def = read_struct(*in, known);
    if (!valid_name(def.method) || def.path == nullptr || def.path[0] != '/' ||
        (def.handler == nullptr && def.handler_v2 == nullptr))
        return refuse(ctx, error, PIM_ERR_INVALID_ARGUMENT,
                      "an HTTP route needs a method, a path starting with / and a handler");
    if (const auto owner = ctx->registry->route_owner(def.method, def.path, *ctx->staging); !owner.empty())
        return refuse(
            ctx, error, PIM_ERR_DUPLICATE,
            std::string("HTTP route ") + def.method + " " + def.path + " is already registered by " + owner);
    // ABI 1.2: a route of a 1.0 or 1.1 plugin has no flags (runs on the I/O threads).
    const bool may_block =
        PIM_HAS_MEMBER(&def, pim_http_route_def, flags) && (def.flags & PIM_ROUTE_MAY_BLOCK) != 0;
    // ABI 1.4: which of its requests may block; without it, all of them.
    const auto request_may_block = may_block && PIM_HAS_MEMBER(&def, pim_http_route_def, request_may_block)
                                       ? def.request_may_block
                                       : nullptr;
    ctx->staging->routes.push_back({def.method, def.path, text_or_empty(def.description), def.handler,
                                    def.handler_v2, def.user_data, ctx->plugin, may_block,
                                    request_may_block});
    return PIM_OK;
} catch (...) {
    return PIM_ERR_INTERNAL;
}

pim_status register_authenticator(pim_host_context *ctx, const pim_authenticator_def *in,
                                  const pim_sink *error) noexcept try {
    if (const auto s = precheck(ctx, in, in ? in->struct_size : 0, PIM_AUTHENTICATOR_DEF_SIZE_1_0, error,
                                "an authenticator");
        s != PIM_OK)
        return s;
    const auto def = read_struct(*in, known_size<pim_authenticator_def>(PIM_AUTHENTICATOR_DEF_SIZE_1_0));
    if (def.authenticate == nullptr && def.authenticate_v2 == nullptr)
        return refuse(ctx, error, PIM_ERR_INVALID_ARGUMENT,
                      "an authenticator needs an authenticate function");
    if (const auto owner = ctx->registry->authenticator_owner(*ctx->staging); !owner.empty())
        return refuse(ctx, error, PIM_ERR_DUPLICATE,
                      "a request authenticator is already registered by " + owner);
    ctx->staging->authenticators.push_back(
        {text_or_empty(def.name), def.authenticate, def.authenticate_v2, def.user_data, ctx->plugin});
    return PIM_OK;
} catch (...) {
    return PIM_ERR_INTERNAL;
}

pim_status register_config_section(pim_host_context *ctx, const char *section, const pim_sink *error) noexcept
    try {
    if (const auto s = precheck(ctx, section, 1, 1, error, "a configuration section"); s != PIM_OK) return s;
    if (!valid_name(section))
        return refuse(ctx, error, PIM_ERR_INVALID_ARGUMENT, "invalid configuration section name");
    if (const auto owner = ctx->registry->section_owner(section, *ctx->staging); !owner.empty())
        return refuse(ctx, error, PIM_ERR_DUPLICATE,
                      std::string("configuration section \"") + section + "\" is already owned by " + owner);
    ctx->staging->config_sections.insert(section);
    return PIM_OK;
} catch (...) {
    return PIM_ERR_INTERNAL;
}

// ABI 1.3: a page of the plugin's admin console. Its path must be one of the
// plugin's own routes (registered before the page), so that the menu never
// links to something nobody serves.
pim_status register_admin_page(pim_host_context *ctx, const pim_admin_page_def *in,
                               const pim_sink *error) noexcept try {
    if (const auto s =
            precheck(ctx, in, in ? in->struct_size : 0, PIM_ADMIN_PAGE_DEF_SIZE_1_3, error, "an admin page");
        s != PIM_OK)
        return s;
    const auto def = read_struct(*in, sizeof(pim_admin_page_def));
    if (def.menu == nullptr || *def.menu == '\0' || def.label == nullptr || *def.label == '\0' ||
        def.path == nullptr || def.path[0] != '/')
        return refuse(ctx, error, PIM_ERR_INVALID_ARGUMENT,
                      "an admin page needs a menu, a label and a path starting with /");
    const auto served =
        std::find_if(ctx->staging->routes.begin(), ctx->staging->routes.end(), [&](const RouteEntry &route) {
            return route.path == def.path && (route.method == "GET" || route.method == "*");
        });
    if (served == ctx->staging->routes.end())
        return refuse(ctx, error, PIM_ERR_INVALID_ARGUMENT,
                      std::string("admin page ") + def.path +
                          " is served by no GET route of the plugin: register the route first");
    if (const auto owner = ctx->registry->admin_page_owner(def.path, *ctx->staging); !owner.empty())
        return refuse(ctx, error, PIM_ERR_DUPLICATE,
                      std::string("admin page ") + def.path + " is already registered by " + owner);
    ctx->staging->admin_pages.push_back({def.menu, def.label, def.path, def.position, ctx->plugin});
    return PIM_OK;
} catch (...) {
    return PIM_ERR_INTERNAL;
}

int to_abi_kind(ConfigNode::Kind kind) {
    switch (kind) {
        case ConfigNode::Kind::null: return PIM_CONFIG_NULL;
        case ConfigNode::Kind::scalar: return PIM_CONFIG_SCALAR;
        case ConfigNode::Kind::map: return PIM_CONFIG_MAP;
        case ConfigNode::Kind::sequence: return PIM_CONFIG_SEQUENCE;
    }
    return PIM_CONFIG_ABSENT;
}

void config_get(pim_host_context *ctx, const char *path, pim_config_value *out) noexcept {
    // Fills only what the plugin's struct_size covers (all of it is 1.0).
    if (ctx == nullptr || path == nullptr || out == nullptr || out->struct_size < PIM_CONFIG_VALUE_SIZE_1_0)
        return;
    const ConfigNode *node = ctx->config->find(path);
    out->kind = node == nullptr ? PIM_CONFIG_ABSENT : to_abi_kind(node->kind);
    out->text = node != nullptr && node->kind == ConfigNode::Kind::scalar ? node->text.c_str() : nullptr;
    out->location = node != nullptr ? node->location.c_str() : ctx->config->file().c_str();
}

void config_visit_keys(pim_host_context *ctx, const char *path, void *opaque,
                       pim_config_key_visitor visit) noexcept {
    if (ctx == nullptr || path == nullptr || visit == nullptr) return;
    const ConfigNode *node = ctx->config->find(path);
    if (node == nullptr || node->kind != ConfigNode::Kind::map) return;
    for (const auto &[key, location] : node->children) visit(opaque, key.c_str(), location.c_str());
}

void log_message(pim_host_context *ctx, int level, const char *message, size_t length) noexcept {
    if (ctx == nullptr || message == nullptr || !ctx->log) return;
    try {
        ctx->log(level, std::string_view(message, length));
    } catch (...) {  // NOLINT(bugprone-empty-catch): a lost log line must not break a request
    }
}

std::string hex(std::uint32_t value) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%08X", value);
    return text;
}

std::string abi(unsigned major, unsigned minor) {
    return std::to_string(major) + "." + std::to_string(minor);
}

}  // namespace

void offer_abi_minor(std::uint16_t minor) {
    offered_minor = std::min<std::uint16_t>(minor, PIM_PLUGIN_ABI_MINOR);
}

std::optional<std::string> check_descriptor(const pim_plugin_descriptor *d, const std::string &file) {
    const std::string host_abi = abi(PIM_PLUGIN_ABI_MAJOR, offered_minor);
    if (d == nullptr) return "Refused plugin " + file + ": its pim_plugin_entry returned no descriptor.";
    if (d->magic != PIM_PLUGIN_ABI_MAGIC)
        return "Refused plugin " + file + ": not a pim-host plugin descriptor (magic " + hex(d->magic) +
               ", expected " + hex(PIM_PLUGIN_ABI_MAGIC) +
               "). Rebuild it against pim/plugin_abi.h or remove it from the plugins directory.";
    if (d->abi_major != PIM_PLUGIN_ABI_MAJOR)
        return "Refused plugin " + file + ": built for plugin ABI " + abi(d->abi_major, d->abi_minor) +
               ", this host implements ABI " + host_abi +
               " and the major versions must match. Rebuild the plugin against this host's pim/plugin_abi.h.";
    if (d->min_host_abi_minor > offered_minor)
        return "Refused plugin " + file + ": it needs plugin ABI " +
               abi(d->abi_major, d->min_host_abi_minor) + " or newer, this host implements ABI " + host_abi +
               ". Upgrade pim-host or use an older build of the plugin.";
    if (d->struct_size < PIM_PLUGIN_DESCRIPTOR_SIZE_1_0)
        return "Refused plugin " + file + ": its descriptor is too small (" + std::to_string(d->struct_size) +
               " bytes, ABI 1.0 needs " + std::to_string(PIM_PLUGIN_DESCRIPTOR_SIZE_1_0) +
               "). Rebuild it against pim/plugin_abi.h.";
    if (!valid_name(d->name) || d->init == nullptr || d->shutdown == nullptr)
        return "Refused plugin " + file + ": its descriptor lacks a name, an init or a shutdown function.";
    return std::nullopt;
}

PluginHost::PluginHost(const YamlConfig &config, HostIdentity identity, Registry &registry,
                       std::function<void(int, std::string_view)> log, Metrics *metrics)
    : config_(config),
      identity_(std::move(identity)),
      registry_(registry),
      log_(std::move(log)),
      metrics_(metrics) {
    // 1.1 and 1.2 added no service: their table ends at `log`, as 1.0's.
    services_.struct_size = offered_minor >= 3 ? sizeof(pim_host_services) : PIM_HOST_SERVICES_SIZE_1_0;
    services_.abi_major = PIM_PLUGIN_ABI_MAJOR;
    services_.abi_minor = offered_minor;
    services_.host_name = "pim-host";
    services_.host_version = PIM_HOST_VERSION;
    services_.environment = identity_.environment.c_str();
    services_.project_dir = identity_.project_dir.c_str();
    services_.register_command = register_command;
    services_.register_admin_hook = register_admin_hook;
    services_.register_http_route = register_http_route;
    services_.register_authenticator = register_authenticator;
    services_.register_config_section = register_config_section;
    services_.config_get = config_get;
    services_.config_visit_keys = config_visit_keys;
    services_.log = log_message;
    if (metrics_ != nullptr && offered_minor >= 3) offer_metric_services(services_);
    services_.register_admin_page = register_admin_page;  // ABI 1.3: beyond struct_size below 1.3
}

PluginHost::~PluginHost() {
    for (auto it = plugins_.rbegin(); it != plugins_.rend(); ++it)
        if ((*it)->initialised) (*it)->descriptor->shutdown((*it)->state);
}

void PluginHost::load_directory(const std::filesystem::path &dir) {
    const PluginFiles found = list_plugin_files(dir);  // owner and mode checked
    if (log_)
        for (const auto &warning : found.warnings) log_(PIM_LOG_WARNING, warning);
    for (const auto &file : found.files) load(file);
}

void PluginHost::load(const std::filesystem::path &file) {
    auto record = std::make_unique<PluginRecord>();
    record->file = file;
    const std::string name = file.string();
    check_plugin_file(file);  // owner, mode and ELF structure, before anything maps it
    boost::dll::fs::error_code ec;
    dlerror();
    record->library.load(file.string(), ec,
                         boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
    if (ec) {
        const char *reason = dlerror();
        throw HostError("Refused plugin " + name + ": it cannot be loaded (" +
                        (reason ? reason : ec.message()) +
                        "). Remove it from the plugins directory or install what it needs.");
    }
    if (!record->library.has(PIM_PLUGIN_ENTRY_SYMBOL))
        throw HostError("Refused plugin " + name +
                        ": it exports no " PIM_PLUGIN_ENTRY_SYMBOL
                        " symbol, so it is not a pim-host plugin. Remove it from the plugins directory.");
    const auto entry = record->library.get<const pim_plugin_descriptor *()>(PIM_PLUGIN_ENTRY_SYMBOL);
    const pim_plugin_descriptor *descriptor = entry();
    if (const auto problem = check_descriptor(descriptor, name)) throw HostError(*problem);
    record->descriptor = descriptor;
    record->name = descriptor->name;
    record->version = text_or_empty(descriptor->version);
    for (const auto &loaded : plugins_)
        if (loaded->name == record->name)
            throw HostError("Refused plugin " + name + ": a plugin named \"" + record->name +
                            "\" is already loaded from " + loaded->file.string() +
                            ". Keep only one copy in the plugins directory.");

    Registrations staged;
    staged.plugin = record.get();
    auto context = std::make_unique<pim_host_context>();
    context->plugin = record.get();
    context->staging = &staged;
    context->registry = &registry_;
    context->config = &config_;
    context->log = log_;
    context->metrics = metrics_;

    std::string message;
    const pim_sink error_sink{&message, append_to_string};
    void *state = nullptr;
    const pim_status status = descriptor->init(&services_, context.get(), &state, &error_sink);
    context->staging = nullptr;
    if (status != PIM_OK) {
        if (message.empty()) message = context->refusal.empty() ? "no reason given" : context->refusal;
        if (status == PIM_ERR_CONFIG) throw HostError(message);
        throw HostError("Refused plugin " + name + ": its init failed (status " + std::to_string(status) +
                        "): " + message);
    }
    if (!context->refusal.empty()) {
        descriptor->shutdown(state);
        throw HostError("Refused plugin " + name + ": " + context->refusal + ".");
    }
    registry_.commit(std::move(staged));
    record->state = state;
    record->initialised = true;
    plugins_.push_back(std::move(record));
    contexts_.push_back(std::move(context));
}

}  // namespace pim::host
