#include "http/introspection_endpoint.hpp"

#include "domain/errors.hpp"
#include "domain/text.hpp"
#include "http/oauth_errors.hpp"

#include <boost/json.hpp>

#include <chrono>

namespace pim {
namespace {

struct Outcome {
    HttpResponse response;
    std::string_view error = "-";
    std::string client_id = "-";
    std::string_view active = "-";
};

boost::json::object describe(const DescribedAccessToken &token) {
    const std::string client_id = std::to_string(token.client_id) + "_" + token.client_random_id;
    boost::json::object body{
        {"active", true}, {"client_id", client_id}, {"token_type", "bearer"}, {"exp", token.expires_at}};
    if (token.issued_at) body["iat"] = *token.issued_at;
    if (token.user_id) {
        body["username"] = token.username;
        body["sub"] = std::to_string(*token.user_id);
        boost::json::array permissions;
        for (const auto &permission : token.permissions) permissions.emplace_back(permission);
        body["pim_permissions"] = std::move(permissions);
    } else {
        body["sub"] = client_id;  // client_credentials: the client is the subject
        body["pim_permissions"] = boost::json::array();
    }
    return body;
}

Outcome process(const pim_http_request &request, IntrospectionService &introspection, Throttle &throttle) {
    return serve_client_request<Outcome>(
        request, introspection_path, introspection.monitoring(),
        [&](DecodedOAuthRequest &decoded, AuthenticationTrace &trace) {
            return introspection.introspect(decoded.parameters, decoded.presented, throttle, &trace);
        },
        [](const auto &answer, Outcome &outcome) {
            outcome.active = answer.token ? "true" : "false";
            outcome.response = json_response(
                200, answer.token ? describe(*answer.token) : boost::json::object{{"active", false}});
        });
}

}  // namespace

HttpResponse handle_introspection_request(const pim_http_request &request,
                                          IntrospectionService &introspection, Throttle &throttle,
                                          const std::function<void(int, const std::string &)> &log) noexcept {
    const auto started = std::chrono::steady_clock::now();
    Outcome outcome = guarded_oauth_endpoint<Outcome>(
        "introspection endpoint", log, [&] { return process(request, introspection, throttle); });
    log_client_request(log, "introspection", outcome.response, outcome.error, outcome.client_id, "active",
                       outcome.active, view(request.remote_address), started);
    return outcome.response;
}

}  // namespace pim
