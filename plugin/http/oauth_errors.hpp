// RFC 6749 §5.2 error answers of the revocation and introspection endpoints
// (docs/revocation-and-introspection.md §4): {"error","error_description"},
// 401 with WWW-Authenticate for client authentication, Cache-Control:
// no-store on every answer. The token endpoint keeps the reference's 422s.
#pragma once

#include "app/oauth_refusal.hpp"
#include "app/token_parameters.hpp"
#include "domain/errors.hpp"
#include "http/http_response.hpp"

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
