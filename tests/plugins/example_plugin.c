/* A plugin in plain C99, built only against pim/plugin_abi.h: it proves the
 * ABI needs no C++. It registers a command, an admin hook, an HTTP route and
 * a config section, and reads its configuration through the host.
 *
 * It is built twice: against the current header (example_c) and against the
 * frozen 1.0 header tests/abi/v1_0 (example_c_abi10), so that the host is
 * tested with a plugin of each ABI minor. Built against 1.1 or newer, it
 * registers *_v2 handlers with a user_data pointer (and no 1.0 handler: it
 * declares min_host_abi_minor 1); each handler checks the user_data it is
 * given. */
#include <pim/plugin_abi.h>

#include <stdio.h>
#include <string.h>

typedef struct example_state {
    const pim_host_services *host;
    pim_host_context *ctx;
    char greeting[128];
} example_state;

static example_state state;

static void put(const pim_console *console, int stream, const char *text) {
    console->write(console->opaque, stream, text, strlen(text));
}

/* The user_data of each registration (ABI 1.1): its own name. */
static const char hello_name[] = "example:hello";
static const char echo_name[] = "example.echo";
static const char greeting_path[] = "/example/greeting";

static int hello(void *plugin_state, const pim_command_invocation *invocation) {
    const example_state *s = (const example_state *)plugin_state;
    const char *name = invocation->argc > 0 ? invocation->argv[0] : "world";
    char line[256];
    if (invocation->argc > 1) {
        put(invocation->console, PIM_STDERR, "Too many arguments.\n");
        return 1;
    }
    snprintf(line, sizeof line, "%s, %s!\n", s->greeting, name);
    put(invocation->console, PIM_STDOUT, line);
    return 0;
}

static int echo(void *plugin_state, const char *hook_name, const char *request, size_t length,
                const pim_sink *response) {
    (void)plugin_state;
    (void)hook_name;
    if (length == 0 || request[0] != '{') {
        const char *error =
            "{\"error\":{\"status\":400,\"message\":\"Invalid json message received\",\"violations\":[]}}";
        response->write(response->opaque, error, strlen(error));
        return 400;
    }
    response->write(response->opaque, "{\"echo\":", 8);
    response->write(response->opaque, request, length);
    response->write(response->opaque, "}", 1);
    return 200;
}

static pim_status greeting(void *plugin_state, const pim_http_request *request,
                           const pim_http_response *response, const char *handler) {
    const example_state *s = (const example_state *)plugin_state;
    char body[256];
    (void)request;
    snprintf(body, sizeof body, "{\"greeting\":\"%s\",\"handler\":\"%s\"}", s->greeting, handler);
    response->set_status(response->opaque, 200);
    response->write_body(response->opaque, body, strlen(body));
    return PIM_OK;
}

#if PIM_PLUGIN_ABI_MINOR >= 1
/* A wrong user_data is reported, not ignored. */
static int wrong_user_data(const void *user_data, const char *expected) {
    return user_data != expected;
}

static int hello_v2(void *plugin_state, void *user_data, const pim_command_invocation *invocation) {
    if (wrong_user_data(user_data, hello_name)) {
        put(invocation->console, PIM_STDERR, "wrong user_data\n");
        return 1;
    }
    return hello(plugin_state, invocation);
}

static int echo_v2(void *plugin_state, void *user_data, const char *hook_name, const char *request,
                   size_t length, const pim_sink *response) {
    if (wrong_user_data(user_data, echo_name)) return 500;
    return echo(plugin_state, hook_name, request, length, response);
}

static pim_status greeting_v2(void *plugin_state, void *user_data, const pim_http_request *request,
                              const pim_http_response *response) {
    if (wrong_user_data(user_data, greeting_path)) return PIM_ERR_INTERNAL;
    return greeting(plugin_state, request, response, "handler_v2");
}
#else
static pim_status greeting_v1(void *plugin_state, const pim_http_request *request,
                              const pim_http_response *response) {
    return greeting(plugin_state, request, response, "handler");
}
#endif

static pim_status init(const pim_host_services *host, pim_host_context *ctx, void **plugin_state,
                       const pim_sink *error) {
    pim_command_def command;
    pim_admin_hook_def hook;
    pim_http_route_def route;
    pim_config_value greeting;
    pim_status status;

    state.host = host;
    state.ctx = ctx;
    strcpy(state.greeting, "Hello");
    memset(&greeting, 0, sizeof greeting);
    greeting.struct_size = sizeof greeting;
    host->config_get(ctx, "example.greeting", &greeting);
    if (greeting.kind == PIM_CONFIG_SCALAR && strlen(greeting.text) < sizeof state.greeting)
        strcpy(state.greeting, greeting.text);

    status = host->register_config_section(ctx, "example", error);
    if (status != PIM_OK) return status;

    memset(&command, 0, sizeof command);
    command.struct_size = sizeof command;
    command.name = hello_name;
    command.description = "Greets someone (from a plugin written in C)";
    command.synopsis = "example:hello [<name>]";
    command.help = "Arguments:\n  name  Who to greet [default: \"world\"]\n";
#if PIM_PLUGIN_ABI_MINOR >= 1
    command.user_data = (void *)hello_name;
    command.handler_v2 = hello_v2;
#else
    command.handler = hello;
#endif
    status = host->register_command(ctx, &command, error);
    if (status != PIM_OK) return status;

    memset(&hook, 0, sizeof hook);
    hook.struct_size = sizeof hook;
    hook.name = echo_name;
    hook.description = "Returns the request inside {\"echo\": ...}";
#if PIM_PLUGIN_ABI_MINOR >= 1
    hook.user_data = (void *)echo_name;
    hook.handler_v2 = echo_v2;
#else
    hook.handler = echo;
#endif
    status = host->register_admin_hook(ctx, &hook, error);
    if (status != PIM_OK) return status;

    memset(&route, 0, sizeof route);
    route.struct_size = sizeof route;
    route.method = "GET";
    route.path = greeting_path;
    route.description = "The configured greeting, and which handler the host called";
#if PIM_PLUGIN_ABI_MINOR >= 1
    route.user_data = (void *)greeting_path;
    route.handler_v2 = greeting_v2;
#else
    route.handler = greeting_v1;
#endif
    status = host->register_http_route(ctx, &route, error);
    if (status != PIM_OK) return status;

    *plugin_state = &state;
    return PIM_OK;
}

static void shutdown_plugin(void *plugin_state) {
    (void)plugin_state;
}

/* Built against 1.1 it registers only *_v2 handlers, which a 1.0 host
 * would not call: it needs a 1.1 host. */
#if PIM_PLUGIN_ABI_MINOR >= 1
#define EXAMPLE_MIN_HOST_MINOR 1
#else
#define EXAMPLE_MIN_HOST_MINOR 0
#endif

static const pim_plugin_descriptor descriptor = {PIM_PLUGIN_ABI_MAGIC,
                                                 PIM_PLUGIN_ABI_MAJOR,
                                                 PIM_PLUGIN_ABI_MINOR,
                                                 EXAMPLE_MIN_HOST_MINOR,
                                                 0,
                                                 sizeof(pim_plugin_descriptor),
                                                 "example-c",
                                                 "1.0.0",
                                                 "An example plugin written in C99",
                                                 init,
                                                 shutdown_plugin,
                                                 NULL};

PIM_PLUGIN_EXPORT const pim_plugin_descriptor *pim_plugin_entry(void) {
    return &descriptor;
}
