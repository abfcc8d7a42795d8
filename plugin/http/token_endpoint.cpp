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
std::optional<Client> authenticate_client(const pim_http_request &request, const TokenParameters &parameters,
                                          TokenService &tokens, std::string &client_id) {
    if (const auto basic = basic_credentials(header_value(request, "Authorization"))) {
        client_id = basic->client_id;
        return tokens.authenticate_client(basic->client_id, basic->secret);
    }
    if (empty(parameters.client_id)) return std::nullopt;
    client_id = *parameters.client_id;
    return tokens.authenticate_client(*parameters.client_id, parameters.client_secret.value_or(""));
}

void check_scope(const TokenParameters &parameters) {
    if (!empty(parameters.scope)) throw OAuthError("invalid_scope", "An unsupported scope was requested.");
}

IssuedTokens grant(const TokenParameters &p, const Client &client, TokenService &tokens) {
    const GrantType type = *parse_grant_type(*p.grant_type);
    switch (type) {
        case GrantType::password: {
            if (empty(p.username) || empty(p.password)) throw OAuthError("invalid_request", message_a);
            IssuedTokens issued = tokens.password_grant(client, *p.username, *p.password);
            check_scope(p);
            return issued;
        }
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

Outcome process(const pim_http_request &request, TokenService &tokens) {
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
        if (empty(parameters.grant_type) || !valid_grant_type(*parameters.grant_type))
            throw OAuthError("invalid_request", message_a);
        const auto client = authenticate_client(request, parameters, tokens, outcome.client_id);
        if (!client) throw OAuthError("invalid_client", message_b);
        const auto type = parse_grant_type(*parameters.grant_type);
        if (!type || !client->allows(*type)) throw OAuthError("unauthorized_client", message_c);
        const IssuedTokens issued = grant(parameters, *client, tokens);
        if (!issued.username.empty()) outcome.username = issued.username;
        outcome.response = success(issued);
        if (parameters.password) sodium_memzero(parameters.password->data(), parameters.password->size());
    } catch (const TokenRequestRefused &refused) {
        outcome.response = refused.response();
    } catch (const OAuthError &error) {
        outcome.error = error.error();
        outcome.response = oauth_failure(error);
    }
    return outcome;
}

}  // namespace

HttpResponse handle_token_request(const pim_http_request &request, TokenService &tokens,
                                  const TokenService::Logger &log) noexcept {
    const auto started = std::chrono::steady_clock::now();
    Outcome outcome;
    try {
        outcome = process(request, tokens);
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
