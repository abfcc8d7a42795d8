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
    Outcome outcome;
    if (view(request.method) != "POST") {
        outcome.response = oauth_method_not_allowed(view(request.method), revocation_path);
        return outcome;
    }
    auto decoded = decode_oauth_request(request);
    if (!decoded) {
        outcome.response = oauth_error(decoded.refusal());
        return outcome;
    }
    if (decoded->presented) outcome.client_id = log_field(decoded->presented->client_id);
    AuthenticationTrace trace{revocation.monitoring(), view(request.remote_address)};
    const auto revoked = revocation.revoke(decoded->parameters, decoded->presented, throttle, &trace);
    if (!revoked) {
        outcome.error = revoked.refusal().error;
        outcome.response = oauth_error(revoked.refusal());
        return outcome;
    }
    outcome.revoked = revoked->revoked;
    // RFC 7009 §2.2: 200 whether or not anything was revoked; no body.
    outcome.response.status = 200;
    add_no_store(outcome.response);
    return outcome;
}

}  // namespace

HttpResponse handle_revocation_request(const pim_http_request &request, RevocationService &revocation,
                                       Throttle &throttle,
                                       const std::function<void(int, const std::string &)> &log) noexcept {
    const auto started = std::chrono::steady_clock::now();
    Outcome outcome = guarded_oauth_endpoint<Outcome>("revocation endpoint", log,
                                                      [&] { return process(request, revocation, throttle); });
    try {
        const auto micros =
            std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started)
                .count();
        log(PIM_LOG_INFO, "revocation request: status " + std::to_string(outcome.response.status) +
                              ", error " + std::string(outcome.error) + ", client " + outcome.client_id +
                              ", revoked " + std::string(outcome.revoked) + ", remote " +
                              log_field(view(request.remote_address)) + ", " + std::to_string(micros / 1000) +
                              " ms");
    } catch (...) {  // NOLINT(bugprone-empty-catch): a lost log line must not lose the answer
    }
    return outcome.response;
}

}  // namespace pim
