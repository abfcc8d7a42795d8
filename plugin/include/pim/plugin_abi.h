/*
 * pim/plugin_abi.h -- the whole contract between a PIM host and its plugins.
 *
 * Pure C99. Nothing else is shared between a host and a plugin: no C++ type,
 * no exception and no allocator crosses this boundary.
 *
 * Life of a plugin (see docs/plugin-abi.md):
 *   1. The host dlopen()s every shared library in its plugins directory and
 *      calls the exported PIM_PLUGIN_ENTRY_SYMBOL ("pim_plugin_entry").
 *   2. It checks the returned descriptor before calling anything else:
 *      magic, ABI major (must equal the host's), min_host_abi_minor (must be
 *      <= the host's minor), struct_size.
 *   3. It calls init() once with the services table. During init, and only
 *      then, the plugin registers console commands, admin hooks, HTTP routes,
 *      a request authenticator and the configuration sections it owns.
 *      Registrations are staged: if init fails or any registration is
 *      refused, none of the plugin's registrations take effect.
 *   4. A host about to serve HTTP calls before_serve() (when set) first.
 *      Handlers are called until the host stops; then shutdown() is called.
 *      A host never unloads a plugin while any of its handlers may run.
 *
 * Versioning rules (docs/plugin-abi.md; tests/abi checks them):
 *   - Structs passed in either direction start with `struct_size`, which the
 *     writer sets to sizeof the struct it was compiled with. New members are
 *     only ever appended (as in sqlite3ext.h); nothing is removed, reordered
 *     or retyped within a major version.
 *   - A reader accepts any struct_size at least the struct's 1.0 size (the
 *     PIM_*_SIZE_1_0 macros below) and refuses a smaller one. It reads a
 *     member added after 1.0 only when PIM_HAS_MEMBER says the writer's
 *     struct holds it; a member the writer did not know reads as zero/NULL.
 *     A reader never writes beyond the struct_size of a struct it fills.
 *   - PIM_PLUGIN_ABI_MINOR grows when members, services or constants are
 *     appended. PIM_PLUGIN_ABI_MAJOR grows when anything is removed or
 *     changes meaning; a host refuses a plugin of another major.
 *   - A host loads a plugin of any minor whose min_host_abi_minor is at most
 *     the host's minor. A plugin that can do without a newer service keeps
 *     min_host_abi_minor low and tests PIM_HAS_MEMBER(host, ...) first.
 *
 * Threading contract (as Kea's multi_threading_compatible, stated for every
 * handler kind at its type below):
 *   init, before_serve, shutdown   once each, on the host's main thread,
 *                                  while no handler of the plugin runs.
 *   console commands               one at a time, on the main thread; may
 *                                  block (terminal input, long batches).
 *   admin hooks                    concurrently, from any thread, with each
 *                                  other and with HTTP handlers; may block
 *                                  briefly (a database round trip).
 *   HTTP routes, authenticator     concurrently, on the host's I/O threads;
 *                                  while one runs its thread serves no other
 *                                  connection: return promptly (a database
 *                                  round trip).
 *   HTTP routes flagged            (ABI 1.2) concurrently, on a host's worker
 *   PIM_ROUTE_MAY_BLOCK            threads, never on an I/O thread; may block
 *                                  (password hashing, a database round trip).
 *                                  A 1.0 or 1.1 host runs them as other routes.
 *                                  (ABI 1.4) When the route sets
 *                                  request_may_block, only the requests it
 *                                  answers non-zero for go to the workers;
 *                                  the others run as other routes.
 *   request_may_block (1.4)        concurrently, on the I/O threads, before
 *                                  the route's handler; never blocks.
 *   host services log, config_*    any thread, any time after init started.
 *   registration services         during init only, on its thread.
 *
 * Ownership rules (as in LevelDB's c.h, with caller-owned sinks instead of
 * malloc'ed strings so that no allocator crosses the boundary):
 *   - Strings passed into a call are valid for the duration of that call
 *     only, unless stated otherwise. They are not necessarily NUL-terminated
 *     where a length is given next to them.
 *   - Output (messages, JSON, HTTP bodies, lines read) is written through a
 *     pim_sink provided by the caller; the caller owns the buffer behind it.
 *   - Registration copies every string it is given.
 */
#ifndef PIM_PLUGIN_ABI_H
#define PIM_PLUGIN_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PIM_PLUGIN_ABI_MAGIC 0x50494D50u /* "PIMP" */
#define PIM_PLUGIN_ABI_MAJOR 1
#define PIM_PLUGIN_ABI_MINOR 4
/* History (docs/plugin-abi.md has the details):
 *   1.0  first version.
 *   1.1  user_data and a *_v2 handler receiving it appended to
 *        pim_command_def, pim_admin_hook_def, pim_http_route_def and
 *        pim_authenticator_def; the threading contract; PIM_HAS_MEMBER and
 *        the PIM_*_SIZE_1_0 minimum sizes. Nothing else changed.
 *   1.2  `flags` appended to pim_http_route_def, with PIM_ROUTE_MAY_BLOCK:
 *        the route's handler may block for long (a password hash) and a
 *        host runs it off its I/O threads. Nothing else changed.
 *   1.3  services appended to pim_host_services: register_metric,
 *        metric_series and metric_record (the plugin's Prometheus series,
 *        exposed by the host) and register_admin_page (the plugin's admin
 *        console pages, listed in the host's menu). Nothing else changed.
 *   1.4  `request_may_block` appended to pim_http_route_def: which requests
 *        of a PIM_ROUTE_MAY_BLOCK route may block (a token endpoint's password
 *        grants do, its refresh grants do not). Nothing else changed. */
#define PIM_PLUGIN_ENTRY_SYMBOL "pim_plugin_entry"

#if defined(_WIN32)
#define PIM_PLUGIN_EXPORT __declspec(dllexport)
#else
#define PIM_PLUGIN_EXPORT __attribute__((visibility("default")))
#endif

/* ------------------------------------------------------------------------ */
/* Struct sizes: which members a struct_size covers.                         */
/* ------------------------------------------------------------------------ */

/* The offset just past `member` of `type`. */
#ifdef __cplusplus
#define PIM_MEMBER_END(type, member) (offsetof(type, member) + sizeof(type::member))
#else
#define PIM_MEMBER_END(type, member) (offsetof(type, member) + sizeof(((type *)0)->member))
#endif

/* Non-zero when the struct at `ptr` (with a struct_size member) was written
 * by someone who knew `member`, as Redis's RMAPI_FUNC_SUPPORTED:
 *   if (PIM_HAS_MEMBER(def, pim_command_def, handler_v2) && def->handler_v2) ... */
#define PIM_HAS_MEMBER(ptr, type, member) ((ptr)->struct_size >= PIM_MEMBER_END(type, member))

/* ------------------------------------------------------------------------ */
/* Status codes returned by every function of this ABI that can fail.       */
/* ------------------------------------------------------------------------ */
typedef enum pim_status {
    PIM_OK = 0,
    PIM_ERR_INVALID_ARGUMENT = 1, /* NULL pointer, empty name, bad struct_size */
    PIM_ERR_DUPLICATE = 2,        /* name already registered (by anyone)      */
    PIM_ERR_NOT_ALLOWED = 3,      /* registration outside init                 */
    PIM_ERR_NOT_FOUND = 4,
    PIM_ERR_CONFIG = 5,      /* configuration invalid (message says where)*/
    PIM_ERR_UNAVAILABLE = 6, /* a resource (database, ...) is unreachable */
    PIM_ERR_INTERNAL = 7
} pim_status;

/* A caller-owned output: the callee appends bytes through write(). */
typedef struct pim_sink {
    void *opaque;
    void (*write)(void *opaque, const char *data, size_t length);
} pim_sink;

/* Opaque handle of the host, passed back to every host service. */
typedef struct pim_host_context pim_host_context;

/* ------------------------------------------------------------------------ */
/* Console commands                                                          */
/* ------------------------------------------------------------------------ */
#define PIM_STDOUT 1
#define PIM_STDERR 2

/* Flags describing the terminal session; computed by the host. */
#define PIM_CONSOLE_INTERACTIVE 0x01u /* may ask questions (stdin TTY or SHELL_INTERACTIVE, no -n, no -q) */
#define PIM_CONSOLE_QUIET 0x02u       /* -q given                      */
#define PIM_CONSOLE_STDOUT_ANSI 0x04u /* colour allowed on stdout      */
#define PIM_CONSOLE_STDERR_ANSI 0x08u /* colour allowed on stderr      */
#define PIM_CONSOLE_STDIN_TTY 0x10u   /* stdin is a terminal           */
#define PIM_CONSOLE_STDOUT_TTY 0x20u  /* stdout is a terminal          */
#define PIM_CONSOLE_STDERR_TTY 0x40u  /* stderr is a terminal (progress indicators) */

/* Results of pim_console.read_line. */
#define PIM_LINE_READ 1
#define PIM_LINE_END_OF_INPUT 0

typedef struct pim_console {
    size_t struct_size;
    void *opaque;
    uint32_t flags;
    int32_t verbosity; /* 0 normal, 1..3 for -v, -vv, -vvv */
    /* stream is PIM_STDOUT or PIM_STDERR. */
    void (*write)(void *opaque, int stream, const char *data, size_t length);
    /* Writes `prompt` to stderr, then reads one line from stdin (terminator
     * removed) into `line`. With `hidden` non-zero and stdin a terminal, echo
     * is off while reading. Returns PIM_LINE_READ or PIM_LINE_END_OF_INPUT. */
    int (*read_line)(void *opaque, const char *prompt, size_t prompt_length, int hidden,
                     const pim_sink *line);
} pim_console;
#define PIM_CONSOLE_SIZE_1_0 PIM_MEMBER_END(pim_console, read_line)

typedef struct pim_command_invocation {
    size_t struct_size;
    const char *command_name; /* as registered (an alias resolves to it) */
    int argc;                 /* arguments after the command name, host options removed */
    const char *const *argv;
    const pim_console *console;
} pim_command_invocation;
#define PIM_COMMAND_INVOCATION_SIZE_1_0 PIM_MEMBER_END(pim_command_invocation, console)

/* Returns the process exit code (0 success, 1 error, 255 "not found" where
 * a command's specification says so). Must not throw.
 * Threading: one command at a time, on the host's main thread. May block
 * (it may read the terminal, or run a long batch). */
typedef int (*pim_command_handler)(void *plugin_state, const pim_command_invocation *invocation);
/* ABI 1.1: the same, with the user_data of the definition. */
typedef int (*pim_command_handler_v2)(void *plugin_state, void *user_data,
                                      const pim_command_invocation *invocation);

typedef struct pim_command_def {
    size_t struct_size;
    const char *name;            /* "namespace:command", unique in the host      */
    const char *description;     /* one line, shown by `list`                     */
    const char *synopsis;        /* "name [--opt OPT] [--] <arg>", shown by help  */
    const char *help;            /* Arguments/Options sections, shown by help     */
    const char *const *aliases;  /* NULL-terminated list, or NULL                */
    pim_command_handler handler; /* 1.0; may be NULL when handler_v2 is set   */
    /* ABI 1.1. A host of 1.1 or newer calls handler_v2(plugin_state,
     * user_data, ...) when it is set, else handler. A plugin that also runs
     * on 1.0 hosts (min_host_abi_minor 0) sets handler as well. */
    void *user_data;
    pim_command_handler_v2 handler_v2;
} pim_command_def;
#define PIM_COMMAND_DEF_SIZE_1_0 PIM_MEMBER_END(pim_command_def, handler)

/* ------------------------------------------------------------------------ */
/* Admin hooks: JSON in, status + JSON out (the host's admin UI calls them). */
/* ------------------------------------------------------------------------ */

/* Writes the JSON response body into `response_body` and returns an HTTP
 * status (200, 201, 204, 400, 404, 409, 500, 503). Must not throw.
 * Threading: may run on several threads at once, concurrently with other
 * hooks and HTTP handlers. May block briefly (a database round trip). */
typedef int (*pim_admin_hook_handler)(void *plugin_state, const char *hook_name, const char *request_json,
                                      size_t request_length, const pim_sink *response_body);
/* ABI 1.1: the same, with the user_data of the definition. */
typedef int (*pim_admin_hook_handler_v2)(void *plugin_state, void *user_data, const char *hook_name,
                                         const char *request_json, size_t request_length,
                                         const pim_sink *response_body);

typedef struct pim_admin_hook_def {
    size_t struct_size;
    const char *name; /* "object.action", e.g. "api_connection.create" */
    const char *description;
    pim_admin_hook_handler handler; /* 1.0; may be NULL when handler_v2 is set */
    /* ABI 1.1: as in pim_command_def. */
    void *user_data;
    pim_admin_hook_handler_v2 handler_v2;
} pim_admin_hook_def;
#define PIM_ADMIN_HOOK_DEF_SIZE_1_0 PIM_MEMBER_END(pim_admin_hook_def, handler)

/* ------------------------------------------------------------------------ */
/* HTTP: routes served by the plugin, and the request authenticator.          */
/* Handlers of this section run concurrently on the host's I/O threads.      */
/* ------------------------------------------------------------------------ */
typedef struct pim_string_view {
    const char *data;
    size_t length;
} pim_string_view;

typedef struct pim_http_header {
    pim_string_view name; /* as received; compare case-insensitively */
    pim_string_view value;
} pim_http_header;

typedef struct pim_http_request {
    size_t struct_size;
    pim_string_view method; /* "POST" */
    pim_string_view path;   /* "/api/oauth/v1/token", without the query */
    pim_string_view query;  /* after '?', empty when none */
    const pim_http_header *headers;
    size_t header_count;
    pim_string_view body;
    pim_string_view remote_address; /* "127.0.0.1:53412", for logs */
} pim_http_request;
#define PIM_HTTP_REQUEST_SIZE_1_0 PIM_MEMBER_END(pim_http_request, remote_address)

/* Caller-owned response under construction. */
typedef struct pim_http_response {
    size_t struct_size;
    void *opaque;
    void (*set_status)(void *opaque, int status);
    void (*add_header)(void *opaque, pim_string_view name, pim_string_view value);
    void (*write_body)(void *opaque, const char *data, size_t length);
} pim_http_response;
#define PIM_HTTP_RESPONSE_SIZE_1_0 PIM_MEMBER_END(pim_http_response, write_body)

/* Returns PIM_OK once the response is complete; anything else makes the host
 * answer 500 itself. Must not throw.
 * Threading: runs on one of the host's I/O threads, possibly on several at
 * once; while it runs its thread serves no other connection, so it returns
 * promptly (a database round trip). A handler that may block for long (a
 * password hash) sets PIM_ROUTE_MAY_BLOCK in its route's flags (ABI 1.2): a
 * host of 1.2 or newer then runs it on a worker thread, concurrently with
 * other handlers, and may answer 503 itself when its workers are saturated. */
typedef pim_status (*pim_http_handler)(void *plugin_state, const pim_http_request *request,
                                       const pim_http_response *response);
/* ABI 1.1: the same, with the user_data of the definition. */
typedef pim_status (*pim_http_handler_v2)(void *plugin_state, void *user_data,
                                          const pim_http_request *request, const pim_http_response *response);

typedef struct pim_http_route_def {
    size_t struct_size;
    const char *method; /* "POST", or "*" for every method (the handler answers 405) */
    const char *path;   /* exact path */
    const char *description;
    pim_http_handler handler; /* 1.0; may be NULL when handler_v2 is set */
    /* ABI 1.1: as in pim_command_def. */
    void *user_data;
    pim_http_handler_v2 handler_v2;
    /* ABI 1.2: PIM_ROUTE_* bits, 0 for none. A host reads it only when
     * PIM_HAS_MEMBER(def, pim_http_route_def, flags); a 1.0 or 1.1 plugin's
     * routes have no flags. Unknown bits are ignored. */
    unsigned flags;
    /* ABI 1.4: for a PIM_ROUTE_MAY_BLOCK route, whether this request may
     * block. The host asks it on an I/O thread before choosing where the
     * handler runs, with the request the handler will get: non-zero sends it
     * to a worker, 0 runs the handler on the I/O thread (it must then return
     * promptly). It must be cheap (parse, no I/O), keep no state and never
     * throw. NULL, or a host older than 1.4: every request of the route may
     * block. */
    int (*request_may_block)(void *plugin_state, void *user_data, const struct pim_http_request *request);
} pim_http_route_def;
/* The handler may block for long (Argon2id verification, say): the host runs
 * it on a bounded worker pool, never on an I/O thread. */
#define PIM_ROUTE_MAY_BLOCK 0x01u
#define PIM_HTTP_ROUTE_DEF_SIZE_1_0 PIM_MEMBER_END(pim_http_route_def, handler)

/* What the authenticator is asked. */
typedef struct pim_auth_request {
    size_t struct_size;
    pim_string_view method;
    pim_string_view authorization;   /* the Authorization header; data NULL when absent */
    pim_string_view query;           /* the query string (for ?access_token= when enabled) */
    const char *required_permission; /* e.g. "pim_api_attribute_list"; NULL: overall access only */
} pim_auth_request;
#define PIM_AUTH_REQUEST_SIZE_1_0 PIM_MEMBER_END(pim_auth_request, required_permission)

/* The authenticated caller. Every pointer is valid only during the
 * pim_principal_sink.accept call that receives it: copy what you keep. */
typedef struct pim_principal {
    size_t struct_size;
    int64_t user_id; /* 0 when the token has no user (client_credentials) */
    pim_string_view username;
    pim_string_view client_id;          /* public client id */
    int64_t token_expires_at;           /* unix seconds */
    const pim_string_view *permissions; /* granted Web API permission ids */
    size_t permission_count;
} pim_principal;
#define PIM_PRINCIPAL_SIZE_1_0 PIM_MEMBER_END(pim_principal, permission_count)

typedef struct pim_principal_sink {
    void *opaque;
    void (*accept)(void *opaque, const pim_principal *principal);
} pim_principal_sink;

#define PIM_AUTH_GRANTED 0 /* principal delivered through the sink */
#define PIM_AUTH_REFUSED 1 /* a complete error response was written: send it as is */

/* Returns PIM_AUTH_GRANTED or PIM_AUTH_REFUSED. Must not throw.
 * Threading: called for every API request, concurrently on the host's I/O
 * threads; returns promptly (one database round trip at most). */
typedef int (*pim_authenticate_fn)(void *plugin_state, const pim_auth_request *request,
                                   const pim_principal_sink *principal, const pim_http_response *refusal);
/* ABI 1.1: the same, with the user_data of the definition. */
typedef int (*pim_authenticate_fn_v2)(void *plugin_state, void *user_data, const pim_auth_request *request,
                                      const pim_principal_sink *principal, const pim_http_response *refusal);

typedef struct pim_authenticator_def {
    size_t struct_size;
    const char *name;
    pim_authenticate_fn authenticate; /* 1.0; may be NULL when authenticate_v2 is set */
    /* ABI 1.1: as in pim_command_def. */
    void *user_data;
    pim_authenticate_fn_v2 authenticate_v2;
} pim_authenticator_def;
#define PIM_AUTHENTICATOR_DEF_SIZE_1_0 PIM_MEMBER_END(pim_authenticator_def, authenticate)

/* ------------------------------------------------------------------------ */
/* Configuration, as loaded by the host from config/<env>.yaml.              */
/* ------------------------------------------------------------------------ */
typedef enum pim_config_kind {
    PIM_CONFIG_ABSENT = 0,
    PIM_CONFIG_NULL = 1,
    PIM_CONFIG_SCALAR = 2,
    PIM_CONFIG_MAP = 3,
    PIM_CONFIG_SEQUENCE = 4
} pim_config_kind;

/* Strings are owned by the host and stay valid until shutdown() returns.
 * The plugin sets struct_size; the host fills only what it covers. */
typedef struct pim_config_value {
    size_t struct_size;
    int kind;             /* pim_config_kind */
    const char *text;     /* scalar text after ${VAR} expansion, NUL-terminated */
    const char *location; /* "config/prod.yaml:12", for error messages */
} pim_config_value;
#define PIM_CONFIG_VALUE_SIZE_1_0 PIM_MEMBER_END(pim_config_value, location)

typedef void (*pim_config_key_visitor)(void *opaque, const char *key, const char *location);

/* ------------------------------------------------------------------------ */
/* Metrics (ABI 1.3): series the host exposes in the Prometheus format.      */
/* ------------------------------------------------------------------------ */
typedef struct pim_metric pim_metric;               /* a registered family, owned by the host */
typedef struct pim_metric_series pim_metric_series; /* one labelled series of it */

#define PIM_METRIC_COUNTER 1
#define PIM_METRIC_GAUGE 2
#define PIM_METRIC_HISTOGRAM 3

typedef struct pim_metric_def {
    size_t struct_size;
    int kind;                       /* PIM_METRIC_* */
    const char *name;               /* "pim_oauth_token_requests_total" */
    const char *help;               /* one line */
    const char *const *label_names; /* NULL-terminated list, or NULL for none */
    const double *buckets;          /* histograms: ascending upper bounds (+Inf implied) */
    size_t bucket_count;
} pim_metric_def;
#define PIM_METRIC_DEF_SIZE_1_3 PIM_MEMBER_END(pim_metric_def, bucket_count)

/* ------------------------------------------------------------------------ */
/* Admin console pages (ABI 1.3).                                            */
/* ------------------------------------------------------------------------ */
typedef struct pim_admin_page_def {
    size_t struct_size;
    const char *menu;  /* "System" */
    const char *label; /* "Users" */
    const char *path;  /* "/admin/users": served by a route of the same plugin */
    int position;      /* order within the menu, ascending */
} pim_admin_page_def;
#define PIM_ADMIN_PAGE_DEF_SIZE_1_3 PIM_MEMBER_END(pim_admin_page_def, position)

/* ------------------------------------------------------------------------ */
/* Services: the function table the host fills and hands to init().          */
/* Append-only: test PIM_HAS_MEMBER(host, pim_host_services, x) (and that   */
/* x is non-NULL) before calling a service added after 1.0.                 */
/* ------------------------------------------------------------------------ */
#define PIM_LOG_ERROR 0
#define PIM_LOG_WARNING 1
#define PIM_LOG_INFO 2
#define PIM_LOG_DEBUG 3

typedef struct pim_host_services {
    size_t struct_size;
    uint16_t abi_major;
    uint16_t abi_minor;
    const char *host_name;
    const char *host_version;
    const char *environment; /* "dev", "prod", ... */
    const char *project_dir; /* absolute; base of relative paths in the configuration */

    /* Registration: during init only (PIM_ERR_NOT_ALLOWED otherwise). The
     * error message, if any, is written to `error` (may be NULL). */
    pim_status (*register_command)(pim_host_context *ctx, const pim_command_def *def, const pim_sink *error);
    pim_status (*register_admin_hook)(pim_host_context *ctx, const pim_admin_hook_def *def,
                                      const pim_sink *error);
    pim_status (*register_http_route)(pim_host_context *ctx, const pim_http_route_def *def,
                                      const pim_sink *error);
    pim_status (*register_authenticator)(pim_host_context *ctx, const pim_authenticator_def *def,
                                         const pim_sink *error);
    /* Claims a top-level configuration section ("oauth"): the host reports
     * unknown top-level keys, the plugin checks the keys inside its sections. */
    pim_status (*register_config_section)(pim_host_context *ctx, const char *section, const pim_sink *error);

    /* Looks up a dotted path ("oauth.access_token_lifetime"). Absent keys
     * give kind PIM_CONFIG_ABSENT and the location of the file. */
    void (*config_get)(pim_host_context *ctx, const char *path, pim_config_value *out);
    /* Calls `visit` for each key directly under the map at `path`. */
    void (*config_visit_keys)(pim_host_context *ctx, const char *path, void *opaque,
                              pim_config_key_visitor visit);

    /* One log record (no trailing newline). Thread-safe. Never pass secrets. */
    void (*log)(pim_host_context *ctx, int level, const char *message, size_t length);

    /* ABI 1.3: metrics. Registration during init only; a host may leave
     * these NULL (metrics off): test PIM_HAS_MEMBER and non-NULL first.
     * Label values must come from a small fixed set (an outcome, a grant
     * type, a status): never a username, client id or token. */
    pim_status (*register_metric)(pim_host_context *ctx, const struct pim_metric_def *def,
                                  struct pim_metric **metric, const pim_sink *error);
    /* The series of `metric` with these label values (as many as the
     * definition's label_names, in that order). Any thread, any time after
     * init; the same values give the same series, valid until shutdown()
     * returns. NULL when the count does not match, or when the host refuses
     * the values (see docs/plugin-abi.md). Resolve once and keep it:
     * this call may lock, metric_record does not. */
    struct pim_metric_series *(*metric_series)(pim_host_context *ctx, struct pim_metric *metric,
                                               const pim_string_view *label_values, size_t label_count);
    /* Counter: adds value (>= 0). Gauge: adds value (may be negative).
     * Histogram: observes value. Any thread; does not block. */
    void (*metric_record)(struct pim_metric_series *series, double value);

    /* ABI 1.3: a page of the plugin's admin console, listed under `menu` in
     * the host's admin navigation. During init only. */
    pim_status (*register_admin_page)(pim_host_context *ctx, const struct pim_admin_page_def *def,
                                      const pim_sink *error);
} pim_host_services;
#define PIM_HOST_SERVICES_SIZE_1_0 PIM_MEMBER_END(pim_host_services, log)

/* ------------------------------------------------------------------------ */
/* The plugin descriptor, returned by the entry symbol.                       */
/* ------------------------------------------------------------------------ */

/* Called once, on the host's main thread. Stores the plugin's state in
 * *plugin_state; it is passed to every handler. On failure writes a message
 * to `error` and returns the status; the host then refuses the plugin. Must
 * not throw. init, before_serve and shutdown never run concurrently with
 * anything else of the plugin. */
typedef pim_status (*pim_plugin_init_fn)(const pim_host_services *host, pim_host_context *ctx,
                                         void **plugin_state, const pim_sink *error);
typedef void (*pim_plugin_shutdown_fn)(void *plugin_state);
/* Called once before the host starts serving HTTP (after init), so that the
 * plugin can open its connections and fail fast. May be NULL. */
typedef pim_status (*pim_plugin_before_serve_fn)(void *plugin_state, const pim_sink *error);

typedef struct pim_plugin_descriptor {
    uint32_t magic;              /* PIM_PLUGIN_ABI_MAGIC; checked first */
    uint16_t abi_major;          /* PIM_PLUGIN_ABI_MAJOR the plugin was built with */
    uint16_t abi_minor;          /* PIM_PLUGIN_ABI_MINOR the plugin was built with */
    uint16_t min_host_abi_minor; /* the oldest host minor whose services it needs */
    uint16_t reserved;           /* 0 */
    uint32_t struct_size;        /* sizeof(pim_plugin_descriptor) */
    const char *name;            /* "pim-oauth" */
    const char *version;         /* "1.0.0" */
    const char *description;
    pim_plugin_init_fn init;
    pim_plugin_shutdown_fn shutdown;
    pim_plugin_before_serve_fn before_serve; /* may be NULL */
} pim_plugin_descriptor;
#define PIM_PLUGIN_DESCRIPTOR_SIZE_1_0 PIM_MEMBER_END(pim_plugin_descriptor, before_serve)

/* Every plugin exports exactly this function:
 *   PIM_PLUGIN_EXPORT const pim_plugin_descriptor *pim_plugin_entry(void);
 * It must not allocate, throw or have side effects. */
typedef const pim_plugin_descriptor *(*pim_plugin_entry_fn)(void);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* PIM_PLUGIN_ABI_H */
