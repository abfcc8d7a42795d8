/* Broken plugins, one per BROKEN_KIND, each of which the host must refuse
 * with a message naming the file (and never crash). */
#include <pim/plugin_abi.h>

#include <string.h>

#define KIND_BAD_MAGIC 1
#define KIND_OTHER_MAJOR 2
#define KIND_NO_ENTRY 3
#define KIND_INIT_ERROR 4
#define KIND_DUPLICATE_COMMAND 5
#define KIND_NEEDS_NEWER_MINOR 6
#define KIND_NEWER_MINOR_OK 7

static const pim_host_services *saved_host;
static pim_host_context *saved_ctx;

static int noop_command(void *plugin_state, const pim_command_invocation *invocation) {
    pim_command_def late;
    pim_status status;
    (void)plugin_state;
    /* Registration outside init must be refused by the host. */
    memset(&late, 0, sizeof late);
    late.struct_size = sizeof late;
    late.name = "broken:late";
    late.handler = noop_command;
    status = saved_host->register_command(saved_ctx, &late, NULL);
    invocation->console->write(
        invocation->console->opaque, PIM_STDOUT,
        status == PIM_ERR_NOT_ALLOWED ? "late registration refused\n" : "late registration accepted\n",
        status == PIM_ERR_NOT_ALLOWED ? 26 : 27);
    /* ABI 1.3: an admin page too. */
    if (PIM_HAS_MEMBER(saved_host, pim_host_services, register_admin_page) &&
        saved_host->register_admin_page != NULL) {
        pim_admin_page_def page;
        memset(&page, 0, sizeof page);
        page.struct_size = sizeof page;
        page.menu = "System";
        page.label = "Late";
        page.path = "/admin/late";
        status = saved_host->register_admin_page(saved_ctx, &page, NULL);
        invocation->console->write(
            invocation->console->opaque, PIM_STDOUT,
            status == PIM_ERR_NOT_ALLOWED ? "late admin page refused\n" : "late admin page accepted\n",
            status == PIM_ERR_NOT_ALLOWED ? 24 : 25);
    }
    return 0;
}

static pim_status init(const pim_host_services *host, pim_host_context *ctx, void **plugin_state,
                       const pim_sink *error) {
    pim_command_def command;
    saved_host = host;
    saved_ctx = ctx;
    *plugin_state = NULL;
    memset(&command, 0, sizeof command);
    command.struct_size = sizeof command;
    command.handler = noop_command;
#if BROKEN_KIND == KIND_INIT_ERROR
    (void)command;
    error->write(error->opaque, "the licence file is missing", 27);
    return PIM_ERR_INTERNAL;
#elif BROKEN_KIND == KIND_DUPLICATE_COMMAND
    command.name = "pim:oauth-server:list-clients";
    command.description = "A second command with a taken name";
    return host->register_command(ctx, &command, error);
#else
    (void)error;
    command.name = "broken:run";
    command.description = "Runs the broken plugin's only command";
    return host->register_command(ctx, &command, NULL);
#endif
}

static void shutdown_plugin(void *plugin_state) {
    (void)plugin_state;
}

#if BROKEN_KIND == KIND_BAD_MAGIC
#define MAGIC 0xDEADBEEFu
#else
#define MAGIC PIM_PLUGIN_ABI_MAGIC
#endif
#if BROKEN_KIND == KIND_OTHER_MAJOR
#define MAJOR (PIM_PLUGIN_ABI_MAJOR + 1)
#else
#define MAJOR PIM_PLUGIN_ABI_MAJOR
#endif
#if BROKEN_KIND == KIND_NEEDS_NEWER_MINOR
#define MINOR (PIM_PLUGIN_ABI_MINOR + 5)
#define MIN_HOST_MINOR (PIM_PLUGIN_ABI_MINOR + 5)
#elif BROKEN_KIND == KIND_NEWER_MINOR_OK
#define MINOR (PIM_PLUGIN_ABI_MINOR + 5)
#define MIN_HOST_MINOR 0
#else
#define MINOR PIM_PLUGIN_ABI_MINOR
#define MIN_HOST_MINOR 0
#endif

static const pim_plugin_descriptor descriptor = {MAGIC,
                                                 MAJOR,
                                                 MINOR,
                                                 MIN_HOST_MINOR,
                                                 0,
                                                 sizeof(pim_plugin_descriptor),
                                                 "broken-" BROKEN_NAME,
                                                 "0.0.1",
                                                 "A plugin the host must refuse",
                                                 init,
                                                 shutdown_plugin, NULL};

#if BROKEN_KIND == KIND_NO_ENTRY
PIM_PLUGIN_EXPORT const pim_plugin_descriptor *some_other_symbol(void) {
    return &descriptor;
}
#else
PIM_PLUGIN_EXPORT const pim_plugin_descriptor *pim_plugin_entry(void) {
    return &descriptor;
}
#endif
