/* Routes as plugins of two ABI minors register them, for the loader's reading
 * rules (docs/plugin-abi.md, "Compatibility rules"):
 *   GET /minors/route-1-3: struct_size ends at `flags`, as built against the
 *     1.3 header; PIM_ROUTE_MAY_BLOCK; the `request_may_block` member beyond
 *     struct_size holds a function that aborts, so a host that read past
 *     struct_size would crash;
 *   GET /minors/route-1-4: the whole 1.4 definition; PIM_ROUTE_MAY_BLOCK and a
 *     request_may_block that answers 0 (never blocks) and counts its calls.
 * Each handler answers {"worker":W,"asked":N}: W is 1 when it runs on one of
 * pim-host's workers (which run at nice 10, the I/O threads at 0), N the calls
 * of request_may_block so far.
 * Also whether the host offered the ABI 1.3 metric services at init: command
 * minors:metrics prints it, GET /minors/metrics answers {"metrics":0|1}. */
#define _GNU_SOURCE
#include <pim/plugin_abi.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char path_1_3[] = "/minors/route-1-3";
static const char path_1_4[] = "/minors/route-1-4";
static volatile int asked;
static int metrics_offered;
static const char metrics_command[] = "minors:metrics";
static const char metrics_path[] = "/minors/metrics";

static int never_read(void *plugin_state, void *user_data, const pim_http_request *request) {
    (void)plugin_state;
    (void)user_data;
    (void)request;
    abort(); /* beyond struct_size: a host must not read it */
}

static int never_blocks(void *plugin_state, void *user_data, const pim_http_request *request) {
    (void)plugin_state;
    (void)user_data;
    (void)request;
    ++asked;
    return 0;
}

static pim_status answer(void *plugin_state, void *user_data, const pim_http_request *request,
                         const pim_http_response *response) {
    char body[64];
    const int nice = getpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid));
    (void)plugin_state;
    (void)user_data;
    (void)request;
    snprintf(body, sizeof body, "{\"worker\":%d,\"asked\":%d}", nice > 0 ? 1 : 0, asked);
    response->set_status(response->opaque, 200);
    response->write_body(response->opaque, body, strlen(body));
    return PIM_OK;
}

static int print_metrics(void *plugin_state, void *user_data, const pim_command_invocation *invocation) {
    const char *line = metrics_offered ? "metric services: yes\n" : "metric services: no\n";
    (void)plugin_state;
    (void)user_data;
    invocation->console->write(invocation->console->opaque, PIM_STDOUT, line, strlen(line));
    return 0;
}

static pim_status answer_metrics(void *plugin_state, void *user_data, const pim_http_request *request,
                                 const pim_http_response *response) {
    const char *body = metrics_offered ? "{\"metrics\":1}" : "{\"metrics\":0}";
    (void)plugin_state;
    (void)user_data;
    (void)request;
    response->set_status(response->opaque, 200);
    response->write_body(response->opaque, body, strlen(body));
    return PIM_OK;
}

static pim_status register_metrics_probes(const pim_host_services *host, pim_host_context *ctx,
                                          const pim_sink *error) {
    pim_command_def command;
    pim_http_route_def route;
    pim_status status;
    memset(&command, 0, sizeof command);
    command.struct_size = sizeof command;
    command.name = metrics_command;
    command.description = "Whether the host offered the metric services";
    command.synopsis = metrics_command;
    command.user_data = (void *)metrics_command;
    command.handler_v2 = print_metrics;
    status = host->register_command(ctx, &command, error);
    if (status != PIM_OK) return status;
    memset(&route, 0, sizeof route);
    route.struct_size = sizeof route;
    route.method = "GET";
    route.path = metrics_path;
    route.description = "Whether the host offered the metric services";
    route.user_data = (void *)metrics_path;
    route.handler_v2 = answer_metrics;
    return host->register_http_route(ctx, &route, error);
}

static pim_status register_route(const pim_host_services *host, pim_host_context *ctx, const char *path,
                                 size_t struct_size,
                                 int (*may_block)(void *, void *, const pim_http_request *),
                                 const pim_sink *error) {
    pim_http_route_def route;
    memset(&route, 0, sizeof route);
    route.struct_size = struct_size;
    route.method = "GET";
    route.path = path;
    route.description = "Which thread answered (ABI reading rules test)";
    route.user_data = (void *)path;
    route.handler_v2 = answer;
    route.flags = PIM_ROUTE_MAY_BLOCK;
    route.request_may_block = may_block;
    return host->register_http_route(ctx, &route, error);
}

static pim_status init(const pim_host_services *host, pim_host_context *ctx, void **plugin_state,
                       const pim_sink *error) {
    pim_status status;
    metrics_offered = PIM_HAS_MEMBER(host, pim_host_services, metric_record) && host->metric_record != NULL;
    status = register_metrics_probes(host, ctx, error);
    if (status != PIM_OK) return status;
    status = register_route(host, ctx, path_1_3, PIM_MEMBER_END(pim_http_route_def, flags),
                                       never_read, error);
    if (status != PIM_OK) return status;
    status = register_route(host, ctx, path_1_4, sizeof(pim_http_route_def), never_blocks, error);
    if (status != PIM_OK) return status;
    *plugin_state = NULL;
    return PIM_OK;
}

static void shutdown_plugin(void *plugin_state) {
    (void)plugin_state;
}

/* flags are 1.2: a host of 1.2 or newer runs it. */
static const pim_plugin_descriptor descriptor = {PIM_PLUGIN_ABI_MAGIC,
                                                 PIM_PLUGIN_ABI_MAJOR,
                                                 PIM_PLUGIN_ABI_MINOR,
                                                 2,
                                                 0,
                                                 sizeof(pim_plugin_descriptor),
                                                 "route-minors",
                                                 "1.0.0",
                                                 "Routes of ABI 1.3 and 1.4 (tests)",
                                                 init,
                                                 shutdown_plugin,
                                                 NULL};

PIM_PLUGIN_EXPORT const pim_plugin_descriptor *pim_plugin_entry(void) {
    return &descriptor;
}
