#include "server/plugin_bridge.hpp"

#include "loader/plugin_record.hpp"

#include <vector>

namespace pim::host {
namespace {

pim_string_view view(const std::string &text) {
    return {text.data(), text.size()};
}

// The caller-owned response the plugin fills through callbacks.
pim_http_response response_writer(Response &response) {
    pim_http_response writer{};
    writer.struct_size = sizeof writer;
    writer.opaque = &response;
    writer.set_status = [](void *opaque, int status) { static_cast<Response *>(opaque)->status = status; };
    writer.add_header = [](void *opaque, pim_string_view name, pim_string_view value) {
        static_cast<Response *>(opaque)->headers.emplace_back(std::string(name.data, name.length),
                                                              std::string(value.data, value.length));
    };
    writer.write_body = [](void *opaque, const char *data, size_t length) {
        static_cast<Response *>(opaque)->body.append(data, length);
    };
    return writer;
}

// The request as the plugins see it: views into `request` and `headers`.
pim_http_request abi_request_of(const Request &request, std::vector<pim_http_header> &headers) {
    headers.reserve(request.headers.size());
    for (const auto &[name, value] : request.headers) headers.push_back({view(name), view(value)});
    pim_http_request abi_request{};
    abi_request.struct_size = sizeof abi_request;
    abi_request.method = view(request.method);
    abi_request.path = view(request.path);
    abi_request.query = view(request.query);
    abi_request.headers = headers.data();
    abi_request.header_count = headers.size();
    abi_request.body = view(request.body);
    abi_request.remote_address = view(request.remote_address);
    return abi_request;
}

}  // namespace

bool route_blocks(const RouteEntry &route, const Request &request) {
    if (!route.may_block) return false;
    if (route.request_may_block == nullptr) return true;
    std::vector<pim_http_header> headers;
    return route.blocks(abi_request_of(request, headers));
}

Response call_route(const RouteEntry &route, const Request &request) {
    std::vector<pim_http_header> headers;
    const pim_http_request abi_request = abi_request_of(request, headers);
    Response response;
    const pim_http_response writer = response_writer(response);
    if (route.call(abi_request, writer) != PIM_OK) return json_message(500, "Internal error.");
    return response;
}

std::optional<Response> call_authenticator(const AuthenticatorEntry &authenticator, const Request &request,
                                           const char *required_permission, Response &principal_out) {
    const std::string *authorization = request.header("Authorization");
    pim_auth_request auth{};
    auth.struct_size = sizeof auth;
    auth.method = view(request.method);
    auth.authorization = authorization != nullptr ? view(*authorization) : pim_string_view{nullptr, 0};
    auth.query = view(request.query);
    auth.required_permission = required_permission;
    pim_principal_sink sink{};
    sink.opaque = &principal_out;
    sink.accept = [](void *opaque, const pim_principal *principal) {
        if (principal == nullptr || principal->struct_size < PIM_PRINCIPAL_SIZE_1_0) return;
        auto *out = static_cast<Response *>(opaque);
        out->client_id.assign(principal->client_id.data, principal->client_id.length);
        out->username.assign(principal->username.data, principal->username.length);
    };
    Response refusal;
    const pim_http_response writer = response_writer(refusal);
    const int result = authenticator.call(auth, sink, writer);
    if (result == PIM_AUTH_GRANTED) return std::nullopt;
    if (refusal.status == 200) return json_message(500, "Internal error.");  // a refusal without an answer
    return refusal;
}

}  // namespace pim::host
