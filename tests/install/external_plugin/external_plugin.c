#include <pim/plugin_abi.h>

#include <string.h>

static int run(void *state, const pim_command_invocation *invocation) {
    (void)state;
    invocation->console->write(invocation->console->opaque, PIM_STDOUT, "external plugin works\n", 22);
    return 0;
}

static pim_status init(const pim_host_services *host, pim_host_context *ctx, void **state,
                       const pim_sink *error) {
    pim_command_def command;
    memset(&command, 0, sizeof command);
    command.struct_size = sizeof command;
    command.name = "external:check";
    command.description = "Proves a plugin builds against the installed package";
    command.handler = run;
    *state = NULL;
    return host->register_command(ctx, &command, error);
}

static void shutdown_plugin(void *state) {
    (void)state;
}

static const pim_plugin_descriptor descriptor = {PIM_PLUGIN_ABI_MAGIC,
                                                 PIM_PLUGIN_ABI_MAJOR,
                                                 PIM_PLUGIN_ABI_MINOR,
                                                 0,
                                                 0,
                                                 sizeof(pim_plugin_descriptor),
                                                 "external",
                                                 "1.0.0",
                                                 "Built against the installed package",
                                                 init,
                                                 shutdown_plugin, NULL};

PIM_PLUGIN_EXPORT const pim_plugin_descriptor *pim_plugin_entry(void) {
    return &descriptor;
}
