#include "http/token_endpoint.hpp"

#include "domain/errors.hpp"
#include "http/token_request.hpp"

#include <sodium.h>
#include <boost/json.hpp>

#include <chrono>
#include <regex>

namespace pim {
namespace {

const char *const message_a =
    "Parameter \"grant_type\", \"username\" or \"password\" is missing, empty or invalid";
const char *const message_b =
    "Parameter \"client_id\" is missing or does not match any client, or secret is invalid";
const char *const message_c = "This grant type is not authorized for this client";
const char *const message_d = "Parameter \"grant_type\" or \"refresh_token\" is missing or empty";

bool empty(const std::optional<std::string> &value) {
    return !value || value->empty();
}

// Step 1's pattern, exactly as the reference's OAuth library has it.
bool valid_grant_type(const std::string &grant_type) {
    static const std::regex pattern(
        "^(authorization_code|token|password|client_credentials|refresh_token|https?://.+|urn:.+)$");
    return std::regex_match(grant_type, pattern);
}

HttpResponse oauth_failure(const OAuthError &error) {
    HttpResponse response = json_message(422, error.what());
    add_no_store(response);  // ours: no cache for failures either
    return response;
}

HttpResponse success(const IssuedTokens &tokens) {
    boost::json::object body{{"access_token", tokens.access_token},
                             {"expires_in", tokens.expires_in},
                             {"token_type", "bearer"},
                             {"scope", nullptr}};
    if (tokens.refresh_token) body["refresh_token"] = *tokens.refresh_token;
    HttpResponse response = json_response(200, body);
    add_no_store(response);
    return response;
}

// Basic header first; the body's client_id / client_secret otherwise.
std::optional<ClientCredentials> presented_client(const pim_http_request &request,
                                                  const TokenParameters &parameters) {
    if (auto basic = basic_credentials(header_value(request, "Authorization"))) return basic;
    if (empty(parameters.client_id)) return std::nullopt;
    return ClientCredentials{*parameters.client_id, parameters.client_secret.value_or("")};
}

// The numeric part of a presented client id: the throttling counters' key.
std::optional<std::string> client_key(const std::optional<ClientCredentials> &credentials) {
    if (!credentials) return std::nullopt;
    const auto id = parse_public_client_id(credentials->client_id);
    if (!id) return std::nullopt;
    return std::to_string(id->id);
}

class Throttled : public std::exception {
public:
    explicit Throttled(std::int64_t retry_after) : retry_after_(retry_after) {}
    [[nodiscard]] std::int64_t retry_after() const { return retry_after_; }

private:
    std::int64_t retry_after_;
};

void refuse_if_blocked(Throttle &throttle, Throttle::Counter counter, const std::optional<std::string> &key) {
    if (!key) return;
    if (const auto wait = throttle.retry_after(counter, *key)) throw Throttled(*wait);
}

Client authenticate(TokenService &tokens, Throttle &throttle,
                    const std::optional<ClientCredentials> &credentials) {
    if (!credentials) throw OAuthError("invalid_client", message_b);
    auto result = tokens.authenticate_client(credentials->client_id, credentials->secret);
    if (result.client) return std::move(*result.client);
    if (result.wrong_secret) {
        const std::string key = std::to_string(*result.wrong_secret);
        refuse_if_blocked(throttle, Throttle::Counter::client_secrets, key);
        throttle.failed(Throttle::Counter::client_secrets, key);
    }
    throw OAuthError("invalid_client", message_b);
}

void check_scope(const TokenParameters &parameters) {
    if (!empty(parameters.scope)) throw OAuthError("invalid_scope", "An unsupported scope was requested.");
}

IssuedTokens password(const TokenParameters &p, const Client &client, TokenService &tokens,
                      Throttle &throttle) {
    if (empty(p.username) || empty(p.password)) throw OAuthError("invalid_request", message_a);
    const std::string client_id = std::to_string(client.id);
    try {
        IssuedTokens issued = tokens.password_grant(client, *p.username, *p.password);
        throttle.succeeded(Throttle::Counter::username, *p.username);
        check_scope(p);
        return issued;
    } catch (const OAuthError &) {
        throttle.failed(Throttle::Counter::username, *p.username);
        throttle.failed(Throttle::Counter::client_passwords, client_id);
        throw;
    }
}

IssuedTokens grant(const TokenParameters &p, const Client &client, TokenService &tokens, Throttle &throttle) {
    const GrantType type = *parse_grant_type(*p.grant_type);
    switch (type) {
        case GrantType::password: return password(p, client, tokens, throttle);
        case GrantType::refresh_token:
            if (empty(p.refresh_token)) throw OAuthError("invalid_request", message_d);
            return tokens.refresh_grant(client, *p.refresh_token, [&] { check_scope(p); });
        case GrantType::client_credentials: check_scope(p); return tokens.client_credentials_grant(client);
    }
    throw OAuthError("unsupported_grant_type", message_c);
}

struct Outcome {
    HttpResponse response;
    std::string error = "-";
    std::string grant_type = "-";
    std::string client_id = "-";
    std::string username;
};

HttpResponse too_many_attempts(std::int64_t retry_after) {
    HttpResponse response = json_message(429, "Too many failed attempts. Retry later.");
    response.headers.emplace_back("Retry-After", std::to_string(retry_after));
    return response;
}

Outcome process(const pim_http_request &request, TokenService &tokens, Throttle &throttle) {
    Outcome outcome;
    if (view(request.method) != "POST") {
        const std::string method(view(request.method));
        outcome.response = json_message(405, "No route found for \"" + method + " " + token_path +
                                                 "\": Method Not Allowed (Allow: POST)");
        outcome.response.headers.emplace_back("Allow", "POST");
        return outcome;
    }
    try {
        TokenParameters parameters =
            decode_token_body(header_value(request, "Content-Type"), view(request.body));
        if (parameters.username) outcome.username = *parameters.username;
        if (parameters.grant_type) outcome.grant_type = *parameters.grant_type;
        const auto credentials = presented_client(request, parameters);
        if (credentials) outcome.client_id = credentials->client_id;
        // (d) throttling, before any password is looked at.
        if (parameters.grant_type == "password" && !empty(parameters.username))
            refuse_if_blocked(throttle, Throttle::Counter::username, parameters.username);
        refuse_if_blocked(throttle, Throttle::Counter::client_passwords, client_key(credentials));
        if (empty(parameters.grant_type) || !valid_grant_type(*parameters.grant_type))
            throw OAuthError("invalid_request", message_a);
        const Client client = authenticate(tokens, throttle, credentials);
        const auto type = parse_grant_type(*parameters.grant_type);
        if (!type || !client.allows(*type)) throw OAuthError("unauthorized_client", message_c);
        const IssuedTokens issued = grant(parameters, client, tokens, throttle);
        if (!issued.username.empty()) outcome.username = issued.username;
        outcome.response = success(issued);
        if (parameters.password) sodium_memzero(parameters.password->data(), parameters.password->size());
    } catch (const TokenRequestRefused &refused) {
        outcome.response = refused.response();
    } catch (const Throttled &throttled) {
        outcome.error = "throttled";
        outcome.response = too_many_attempts(throttled.retry_after());
    } catch (const OAuthError &error) {
        outcome.error = error.error();
        outcome.response = oauth_failure(error);
    }
    return outcome;
}

}  // namespace

HttpResponse handle_token_request(const pim_http_request &request, TokenService &tokens, Throttle &throttle,
                                  const TokenService::Logger &log) noexcept {
    const auto started = std::chrono::steady_clock::now();
    Outcome outcome;
    try {
        outcome = process(request, tokens, throttle);
    } catch (const StorageUnavailable &error) {
        log(PIM_LOG_ERROR, std::string("token endpoint: ") + error.what());
        outcome.response = json_message(503, "Service temporarily unavailable.");
    } catch (const std::exception &error) {
        log(PIM_LOG_ERROR, std::string("token endpoint: ") + error.what());
        outcome.response = json_message(500, "Internal error.");
    }
    try {
        const auto micros =
            std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started)
                .count();
        // Never the password, the secret, the Authorization header or a token.
        log(PIM_LOG_INFO,
            "token request: status " + std::to_string(outcome.response.status) + ", error " + outcome.error +
                ", grant_type " + outcome.grant_type + ", client " + outcome.client_id + ", username " +
                (outcome.username.empty() ? "-" : outcome.username) + ", remote " +
                std::string(view(request.remote_address)) + ", " + std::to_string(micros / 1000) + " ms");
    } catch (...) {  // NOLINT(bugprone-empty-catch): a lost log line must not lose the answer
    }
    return outcome.response;
}

}  // namespace pim
