#include "http/revocation_endpoint.hpp"

#include "domain/errors.hpp"
#include "domain/text.hpp"
#include "http/oauth_errors.hpp"

#include <chrono>

namespace pim {
namespace {

struct Outcome {
    HttpResponse response;
    std::string_view error = "-";
    std::string client_id = "-";
    std::string_view revoked = "-";
};

Outcome process(const pim_http_request &request, RevocationService &revocation, Throttle &throttle) {
    return serve_client_request<Outcome>(
        request, revocation_path, revocation.monitoring(),
        [&](DecodedOAuthRequest &decoded, AuthenticationTrace &trace) {
            return revocation.revoke(decoded.parameters, decoded.presented, throttle, &trace);
        },
        [](const auto &revoked, Outcome &outcome) {
            outcome.revoked = revoked.revoked;
            outcome.response.status = 200;  // RFC 7009 §2.2: whether or not anything was revoked; no body
        });
}

}  // namespace

HttpResponse handle_revocation_request(const pim_http_request &request, RevocationService &revocation,
                                       Throttle &throttle,
                                       const std::function<void(int, const std::string &)> &log) noexcept {
    const auto started = std::chrono::steady_clock::now();
    Outcome outcome = guarded_oauth_endpoint<Outcome>("revocation endpoint", log,
                                                      [&] { return process(request, revocation, throttle); });
    log_client_request(log, "revocation", outcome.response, outcome.error, outcome.client_id, "revoked",
                       outcome.revoked, view(request.remote_address), started);
    return outcome.response;
}

}  // namespace pim
