// RFC 6749 §5.2 error answers of the revocation and introspection endpoints
// (docs/revocation-and-introspection.md §4): {"error","error_description"},
// 401 with WWW-Authenticate for client authentication, Cache-Control:
// no-store on every answer. The token endpoint keeps the reference's 422s.
#pragma once

#include "app/client_authentication.hpp"
#include "app/oauth_refusal.hpp"
#include "app/token_parameters.hpp"
#include "domain/errors.hpp"
#include "domain/text.hpp"
#include "http/http_response.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace pim {

HttpResponse oauth_error(int status, std::string_view error, const std::string &description);
// A refusal of the shared steps (415, 400, client authentication, 429) or of
// the endpoint, in RFC 6749 §5.2 form.
HttpResponse oauth_error(const OAuthRefusal &refusal);
// 405 with Allow: POST.
HttpResponse oauth_method_not_allowed(std::string_view method, std::string_view path);

// What revocation and introspection share before their own work: method,
// content type and body (the token endpoint's rules), and the presented client.
struct DecodedOAuthRequest {
    TokenParameters parameters;
    std::optional<ClientCredentials> presented;
};
OAuthResult<DecodedOAuthRequest> decode_oauth_request(const pim_http_request &request);

// The steps every client-authenticated endpoint (revocation, introspection)
// takes around its own work: POST only (405), the decoded body and presented
// client (415, 400), the client id for the log, then `call(decoded, trace)`,
// whose refusal becomes the RFC 6749 §5.2 answer and whose result `answer`
// turns into the response; every answer is no-store. `Outcome` has
// `response`, `error` and `client_id`.
template <class Outcome, class Call, class Answer>
Outcome serve_client_request(const pim_http_request &request, std::string_view path, Monitoring *monitoring,
                             Call &&call, Answer &&answer) {
    Outcome outcome;
    if (view(request.method) != "POST") {
        outcome.response = oauth_method_not_allowed(view(request.method), path);
        return outcome;
    }
    auto decoded = decode_oauth_request(request);
    if (!decoded) {
        outcome.response = oauth_error(decoded.refusal());
        return outcome;
    }
    if (decoded->presented) outcome.client_id = log_field(decoded->presented->client_id);
    AuthenticationTrace trace{monitoring, view(request.remote_address)};
    const auto result = call(*decoded, trace);
    if (!result) {
        outcome.error = result.refusal().error;
        outcome.response = oauth_error(result.refusal());
        return outcome;
    }
    answer(*result, outcome);
    add_no_store(outcome.response);
    return outcome;
}

// The request's log line: "<kind> request: status …, error …, client …,
// <detail_name> <detail>, remote …, N ms". Never throws: a lost line must
// not lose the answer.
void log_client_request(const std::function<void(int, const std::string &)> &log, std::string_view kind,
                        const HttpResponse &response, std::string_view error, const std::string &client_id,
                        std::string_view detail_name, std::string_view detail,
                        std::string_view remote_address,
                        std::chrono::steady_clock::time_point started) noexcept;

// Runs an endpoint's `process()`; a storage failure becomes 503 and any
// other exception 500 (RFC 6749 §5.2 bodies), logged under `endpoint`.
template <class Outcome, class Process, class Log>
Outcome guarded_oauth_endpoint(std::string_view endpoint, const Log &log, Process &&process) noexcept {
    Outcome outcome;
    try {
        outcome = process();
    } catch (const StorageUnavailable &error) {
        log(PIM_LOG_ERROR, std::string(endpoint) + ": " + error.what());
        outcome.response = oauth_error(503, "temporarily_unavailable", "Service temporarily unavailable.");
    } catch (const std::exception &error) {
        log(PIM_LOG_ERROR, std::string(endpoint) + ": " + error.what());
        outcome.response = oauth_error(500, "server_error", "Internal error.");
    }
    return outcome;
}

}  // namespace pim
