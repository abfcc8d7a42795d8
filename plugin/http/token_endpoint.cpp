#include "http/token_endpoint.hpp"

#include "app/monitoring.hpp"
#include "domain/errors.hpp"
#include "domain/text.hpp"
#include "http/token_request.hpp"

#include <chrono>
#include <string>
#include <string_view>

namespace pim {
namespace {

// The document Boost.JSON would serialize, written into one buffer sized up
// front: the tokens (Base64url, nothing to escape) are copied once, into a
// body that is wiped when dropped, and no grown-out buffer or serializer
// stack keeps a copy.
HttpResponse success(const IssuedTokens &tokens) {
    static constexpr std::string_view access = R"({"access_token":")", expires = R"(","expires_in":)",
                                      rest = R"(,"token_type":"bearer","scope":null)",
                                      refresh = R"(,"refresh_token":")";
    HttpResponse response;
    response.status = 200;
    response.headers.emplace_back("Content-Type", "application/json");
    add_no_store(response);
    std::string &body = response.body;
    const std::string expires_in = std::to_string(tokens.expires_in);
    body.reserve(access.size() + tokens.access_token.size() + expires.size() + expires_in.size() +
                 rest.size() +
                 (tokens.refresh_token ? refresh.size() + tokens.refresh_token->size() + 1 : 0) + 1);
    body.append(access).append(tokens.access_token).append(expires).append(expires_in).append(rest);
    if (tokens.refresh_token) body.append(refresh).append(*tokens.refresh_token).append(1, '"');
    body.append(1, '}');
    return response;
}

HttpResponse refused(const OAuthRefusal &refusal) {
    HttpResponse response = json_message(refusal.status, refusal.message);
    if (refusal.status == 422) add_no_store(response);  // ours: no cache for failures either
    if (refusal.status == 429)
        response.headers.emplace_back("Retry-After", std::to_string(refusal.retry_after));
    return response;
}

// What the log line says of a request: never the password, the secret, the
// Authorization header or a token; every field escaped and bounded.
struct Outcome {
    HttpResponse response;
    std::string_view error = "-";
    std::string grant_type = "-";
    std::string client_id = "-";
    std::string username = "-";
    std::optional<GrantType> known_grant_type;  // a known grant type, for the usage counts
    std::int64_t user_id = 0;
    AuthenticationTrace trace;
};

Metric grant_metric(const Outcome &outcome) {
    const bool ok = outcome.response.status == 200;
    if (!outcome.known_grant_type) return Metric::grant_other_refused;
    switch (*outcome.known_grant_type) {
        case GrantType::password: return ok ? Metric::grant_password_ok : Metric::grant_password_refused;
        case GrantType::refresh_token:
            return ok ? Metric::grant_refresh_token_ok : Metric::grant_refresh_token_refused;
        case GrantType::client_credentials:
            return ok ? Metric::grant_client_credentials_ok : Metric::grant_client_credentials_refused;
    }
    return Metric::grant_other_refused;
}

// One count per answer (write-behind), plus the secret used and the last use.
void record_usage(UsageRecorder &usage, const Outcome &outcome, std::int64_t now) {
    const std::int64_t client = outcome.trace.client_id;
    usage.count(client, now, grant_metric(outcome));
    if (outcome.response.status == 429) usage.count(client, now, Metric::throttled);
    if (outcome.trace.authenticated)
        usage.count(client, now,
                    outcome.trace.previous_secret ? Metric::secret_previous : Metric::secret_current);
    if (outcome.response.status == 200) usage.used(client, outcome.user_id, 0, now);
}

void process(const pim_http_request &request, TokenService &tokens, Throttle &throttle, Outcome &outcome) {
    if (view(request.method) != "POST") {
        outcome.response = json_message(405, "No route found for \"" + std::string(view(request.method)) +
                                                 " " + token_path + "\": Method Not Allowed (Allow: POST)");
        outcome.response.headers.emplace_back("Allow", "POST");
        return;
    }
    auto parameters = decode_token_body(header_value(request, "Content-Type"), view(request.body));
    if (!parameters) {
        outcome.response = refused(parameters.refusal());
        return;
    }
    if (parameters->username) outcome.username = log_field(*parameters->username);
    if (parameters->grant_type) {
        outcome.grant_type = log_field(*parameters->grant_type);
        outcome.known_grant_type = parse_grant_type(*parameters->grant_type);
    }
    const auto presented = presented_client(header_value(request, "Authorization"), *parameters);
    if (presented) outcome.client_id = log_field(presented->client_id);
    outcome.trace.remote_address = view(request.remote_address);
    const auto issued = tokens.grant(*parameters, presented, throttle, outcome.trace);
    if (!issued) {
        outcome.error = issued.refusal().error;
        outcome.response = refused(issued.refusal());
        return;
    }
    if (!issued->username.empty()) outcome.username = log_field(issued->username);
    outcome.user_id = issued->user_id;
    outcome.response = success(*issued);
}

}  // namespace

bool token_request_may_block(const pim_http_request &request) noexcept {
    try {
        if (view(request.method) != "POST") return false;
        const auto grant_type = peek_grant_type(header_value(request, "Content-Type"), view(request.body));
        return grant_type && parse_grant_type(*grant_type) == GrantType::password;
    } catch (...) {
        return true;  // out of memory: where it was before ABI 1.4
    }
}

HttpResponse handle_token_request(const pim_http_request &request, TokenService &tokens, Throttle &throttle,
                                  const TokenService::Logger &log, const PluginMetrics *metrics) noexcept {
    const auto started = std::chrono::steady_clock::now();
    Outcome outcome;
    try {
        process(request, tokens, throttle, outcome);
    } catch (const StorageUnavailable &error) {
        log(PIM_LOG_ERROR, std::string("token endpoint: ") + error.what());
        outcome.response = json_message(503, "Service temporarily unavailable.");
    } catch (const std::exception &error) {
        log(PIM_LOG_ERROR, std::string("token endpoint: ") + error.what());
        outcome.response = json_message(500, "Internal error.");
    }
    try {
        record_usage(tokens.monitoring().usage(), outcome, tokens.settings().clock->now());
    } catch (...) {  // NOLINT(bugprone-empty-catch): a lost count must not lose the answer
    }
    try {
        const auto micros =
            std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started)
                .count();
        log(PIM_LOG_INFO, "token request: status " + std::to_string(outcome.response.status) + ", error " +
                              std::string(outcome.error) + ", grant_type " + outcome.grant_type +
                              ", client " + outcome.client_id + ", username " + outcome.username +
                              ", remote " + log_field(view(request.remote_address)) + ", " +
                              std::to_string(micros / 1000) + " ms");
    } catch (...) {  // NOLINT(bugprone-empty-catch): a lost log line must not lose the answer
    }
    if (metrics != nullptr) {
        const std::chrono::duration<double> taken = std::chrono::steady_clock::now() - started;
        metrics->token_request(
            outcome.grant_type == "-" ? std::string_view() : std::string_view(outcome.grant_type),
            outcome.error, outcome.response.status, taken.count());
    }
    return outcome.response;
}

}  // namespace pim
