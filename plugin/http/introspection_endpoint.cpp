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
    Outcome outcome;
    if (view(request.method) != "POST") {
        outcome.response = oauth_method_not_allowed(view(request.method), introspection_path);
        return outcome;
    }
    auto decoded = decode_oauth_request(request);
    if (!decoded) {
        outcome.response = oauth_error(decoded.refusal());
        return outcome;
    }
    if (decoded->presented) outcome.client_id = log_field(decoded->presented->client_id);
    AuthenticationTrace trace{introspection.monitoring(), view(request.remote_address)};
    const auto answer = introspection.introspect(decoded->parameters, decoded->presented, throttle, &trace);
    if (!answer) {
        outcome.error = answer.refusal().error;
        outcome.response = oauth_error(answer.refusal());
        return outcome;
    }
    outcome.active = answer->token ? "true" : "false";
    outcome.response =
        json_response(200, answer->token ? describe(*answer->token) : boost::json::object{{"active", false}});
    add_no_store(outcome.response);
    return outcome;
}

}  // namespace

HttpResponse handle_introspection_request(const pim_http_request &request,
                                          IntrospectionService &introspection, Throttle &throttle,
                                          const std::function<void(int, const std::string &)> &log) noexcept {
    const auto started = std::chrono::steady_clock::now();
    Outcome outcome = guarded_oauth_endpoint<Outcome>(
        "introspection endpoint", log, [&] { return process(request, introspection, throttle); });
    try {
        const auto micros =
            std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started)
                .count();
        log(PIM_LOG_INFO, "introspection request: status " + std::to_string(outcome.response.status) +
                              ", error " + std::string(outcome.error) + ", client " + outcome.client_id +
                              ", active " + std::string(outcome.active) + ", remote " +
                              log_field(view(request.remote_address)) + ", " + std::to_string(micros / 1000) +
                              " ms");
    } catch (...) {  // NOLINT(bugprone-empty-catch): a lost log line must not lose the answer
    }
    return outcome.response;
}

}  // namespace pim
