#include "http/oauth_errors.hpp"

#include "http/token_request.hpp"

#include <boost/json.hpp>

namespace pim {

HttpResponse oauth_error(int status, std::string_view error, const std::string &description) {
    HttpResponse response = json_response(status, {{"error", error}, {"error_description", description}});
    add_no_store(response);
    return response;
}

HttpResponse oauth_error(const OAuthRefusal &refusal) {
    if (refusal.error == "invalid_client") {
        HttpResponse response = oauth_error(401, "invalid_client", "Client authentication failed.");
        response.headers.emplace_back("WWW-Authenticate", "Basic realm=\"pim-oauth\"");
        return response;
    }
    if (refusal.status == 429) {
        HttpResponse response = oauth_error(429, "temporarily_unavailable", refusal.message);
        response.headers.emplace_back("Retry-After", std::to_string(refusal.retry_after));
        return response;
    }
    if (refusal.status == 415) return oauth_error(415, "invalid_request", refusal.message);
    return oauth_error(400, refusal.error == "-" ? "invalid_request" : refusal.error, refusal.message);
}

HttpResponse oauth_method_not_allowed(std::string_view method, std::string_view path) {
    HttpResponse response = oauth_error(405, "invalid_request",
                                        "No route found for \"" + std::string(method) + " " +
                                            std::string(path) + "\": Method Not Allowed (Allow: POST)");
    response.headers.emplace_back("Allow", "POST");
    return response;
}

OAuthResult<DecodedOAuthRequest> decode_oauth_request(const pim_http_request &request) {
    auto parameters = decode_token_body(header_value(request, "Content-Type"), view(request.body));
    if (!parameters) return parameters.refusal();
    DecodedOAuthRequest decoded;
    decoded.presented = presented_client(header_value(request, "Authorization"), *parameters);
    decoded.parameters = std::move(*parameters);
    return decoded;
}

}  // namespace pim
