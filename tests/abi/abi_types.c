/* Every type of pim/plugin_abi.h, reachable from exported functions so that
 * abidw describes them all (tests/abi/CMakeLists.txt). Built against the
 * current header for the check, and against tests/abi/v1_0 for the
 * committed baseline tests/abi/baseline-1.0.abi. Never loaded by anything. */
#include <pim/plugin_abi.h>

PIM_PLUGIN_EXPORT pim_status pim_abi_status(pim_status status, pim_config_kind kind) {
    (void)kind;
    return status;
}
PIM_PLUGIN_EXPORT void pim_abi_sink(const pim_sink *value) {
    (void)value;
}
PIM_PLUGIN_EXPORT void pim_abi_console(const pim_console *value, const pim_command_invocation *invocation) {
    (void)value;
    (void)invocation;
}
PIM_PLUGIN_EXPORT void pim_abi_command_def(const pim_command_def *value) {
    (void)value;
}
PIM_PLUGIN_EXPORT void pim_abi_admin_hook_def(const pim_admin_hook_def *value) {
    (void)value;
}
PIM_PLUGIN_EXPORT void pim_abi_http(const pim_http_request *request, const pim_http_header *header,
                                    const pim_http_response *response, pim_string_view view) {
    (void)request;
    (void)header;
    (void)response;
    (void)view;
}
PIM_PLUGIN_EXPORT void pim_abi_http_route_def(const pim_http_route_def *value) {
    (void)value;
}
PIM_PLUGIN_EXPORT void pim_abi_auth(const pim_auth_request *request, const pim_principal *principal,
                                    const pim_principal_sink *sink) {
    (void)request;
    (void)principal;
    (void)sink;
}
PIM_PLUGIN_EXPORT void pim_abi_authenticator_def(const pim_authenticator_def *value) {
    (void)value;
}
PIM_PLUGIN_EXPORT void pim_abi_config(const pim_config_value *value, pim_config_key_visitor visitor) {
    (void)value;
    (void)visitor;
}
PIM_PLUGIN_EXPORT void pim_abi_host_services(const pim_host_services *value) {
    (void)value;
}
PIM_PLUGIN_EXPORT void pim_abi_descriptor(const pim_plugin_descriptor *value, pim_plugin_entry_fn entry) {
    (void)value;
    (void)entry;
}
