#include <pim/plugin_abi.h>

#include <string.h>

/* ABI 1.1: the command's user_data (its output) comes back to its handler. */
static const char message[] = "external plugin works\n";

static int run(void *state, void *user_data, const pim_command_invocation *invocation) {
    const char *text = (const char *)user_data;
    (void)state;
    invocation->console->write(invocation->console->opaque, PIM_STDOUT, text, strlen(text));
    return 0;
}

static pim_status init(const pim_host_services *host, pim_host_context *ctx, void **state,
                       const pim_sink *error) {
    pim_command_def command;
    memset(&command, 0, sizeof command);
    command.struct_size = sizeof command;
    command.name = "external:check";
    command.description = "Proves a plugin builds against the installed package";
    command.user_data = (void *)message;
    command.handler_v2 = run;
    *state = NULL;
    return host->register_command(ctx, &command, error);
}

static void shutdown_plugin(void *state) {
    (void)state;
}

static const pim_plugin_descriptor descriptor = {PIM_PLUGIN_ABI_MAGIC,
                                                 PIM_PLUGIN_ABI_MAJOR,
                                                 PIM_PLUGIN_ABI_MINOR,
                                                 1, /* min_host_abi_minor: handler_v2 needs 1.1 */
                                                 0,
                                                 sizeof(pim_plugin_descriptor),
                                                 "external",
                                                 "1.0.0",
                                                 "Built against the installed package",
                                                 init,
                                                 shutdown_plugin,
                                                 NULL};

PIM_PLUGIN_EXPORT const pim_plugin_descriptor *pim_plugin_entry(void) {
    return &descriptor;
}
