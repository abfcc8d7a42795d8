/* A plugin in plain C99, built only against pim/plugin_abi.h: it proves the
 * ABI needs no C++. It registers a command, an admin hook and a config
 * section, and reads its configuration through the host. */
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

static pim_status init(const pim_host_services *host, pim_host_context *ctx, void **plugin_state,
                       const pim_sink *error) {
    pim_command_def command;
    pim_admin_hook_def hook;
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
    command.name = "example:hello";
    command.description = "Greets someone (from a plugin written in C)";
    command.synopsis = "example:hello [<name>]";
    command.help = "Arguments:\n  name  Who to greet [default: \"world\"]\n";
    command.handler = hello;
    status = host->register_command(ctx, &command, error);
    if (status != PIM_OK) return status;

    memset(&hook, 0, sizeof hook);
    hook.struct_size = sizeof hook;
    hook.name = "example.echo";
    hook.description = "Returns the request inside {\"echo\": ...}";
    hook.handler = echo;
    status = host->register_admin_hook(ctx, &hook, error);
    if (status != PIM_OK) return status;

    *plugin_state = &state;
    return PIM_OK;
}

static void shutdown_plugin(void *plugin_state) {
    (void)plugin_state;
}

static const pim_plugin_descriptor descriptor = {PIM_PLUGIN_ABI_MAGIC,
                                                 PIM_PLUGIN_ABI_MAJOR,
                                                 PIM_PLUGIN_ABI_MINOR,
                                                 0,
                                                 0,
                                                 sizeof(pim_plugin_descriptor),
                                                 "example-c",
                                                 "1.0.0",
                                                 "An example plugin written in C99",
                                                 init,
                                                 shutdown_plugin, NULL};

PIM_PLUGIN_EXPORT const pim_plugin_descriptor *pim_plugin_entry(void) {
    return &descriptor;
}
