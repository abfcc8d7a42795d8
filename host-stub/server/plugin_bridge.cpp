#include "server/plugin_bridge.hpp"

#include "loader/plugin_record.hpp"

#include <array>
#include <vector>

namespace pim::host {
namespace {

// Never NULL data: to the plugins NULL means absent (an empty query is "").
pim_string_view view(std::string_view text) {
    return {text.data() != nullptr ? text.data() : "", text.size()};
}

// Requests with up to this many headers pass them from the stack.
constexpr std::size_t inline_headers = 32;

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

// The request as the plugins see it: views into `request`, the headers from
// the stack when there are few.
class AbiRequest {
public:
    explicit AbiRequest(const Request &request) {
        pim_http_header *headers = on_stack_.data();
        if (request.headers.size() > on_stack_.size()) {
            on_heap_.resize(request.headers.size());
            headers = on_heap_.data();
        }
        for (std::size_t i = 0; i < request.headers.size(); ++i)
            headers[i] = {view(request.headers[i].first), view(request.headers[i].second)};
        request_.struct_size = sizeof request_;
        request_.method = view(request.method);
        request_.path = view(request.path);
        request_.query = view(request.query);
        request_.headers = headers;
        request_.header_count = request.headers.size();
        request_.body = view(request.body);
        request_.remote_address = view(request.remote_address);
    }
    AbiRequest(const AbiRequest &) = delete;
    AbiRequest &operator=(const AbiRequest &) = delete;
    [[nodiscard]] const pim_http_request &get() const { return request_; }

private:
    std::array<pim_http_header, inline_headers> on_stack_{};
    std::vector<pim_http_header> on_heap_;
    pim_http_request request_{};
};

}  // namespace

bool route_blocks(const RouteEntry &route, const Request &request) {
    if (!route.may_block) return false;
    if (route.request_may_block == nullptr) return true;
    const AbiRequest abi_request(request);
    return route.blocks(abi_request.get());
}

Response call_route(const RouteEntry &route, const Request &request) {
    const AbiRequest abi_request(request);
    Response response;
    const pim_http_response writer = response_writer(response);
    if (route.call(abi_request.get(), writer) != PIM_OK) return json_message(500, "Internal error.");
    return response;
}

std::optional<Response> call_authenticator(const AuthenticatorEntry &authenticator, const Request &request,
                                           const char *required_permission, Response &principal_out) {
    const std::string_view *authorization = request.header("Authorization");
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
