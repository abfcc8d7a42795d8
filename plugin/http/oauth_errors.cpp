#include "http/oauth_errors.hpp"

#include "domain/text.hpp"
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

void log_client_request(const std::function<void(int, const std::string &)> &log, std::string_view kind,
                        const HttpResponse &response, std::string_view error, const std::string &client_id,
                        std::string_view detail_name, std::string_view detail,
                        std::string_view remote_address,
                        std::chrono::steady_clock::time_point started) noexcept {
    try {
        const auto millis =
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started)
                .count();
        log(PIM_LOG_INFO, std::string(kind) + " request: status " + std::to_string(response.status) +
                              ", error " + std::string(error) + ", client " + client_id + ", " +
                              std::string(detail_name) + " " + std::string(detail) + ", remote " +
                              log_field(remote_address) + ", " + std::to_string(millis) + " ms");
    } catch (...) {  // NOLINT(bugprone-empty-catch): a lost log line must not lose the answer
    }
}

}  // namespace pim
