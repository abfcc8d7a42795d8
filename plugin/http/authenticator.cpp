#include "http/authenticator.hpp"

#include "domain/errors.hpp"
#include "domain/permissions.hpp"
#include "domain/text.hpp"
#include "http/http_response.hpp"

#include <array>
#include <charconv>
#include <ctime>

namespace pim {
namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t';
}

std::string_view query_token(std::string_view query) {
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        if (pair.substr(0, 13) == "access_token=") return pair.substr(13);
        if (amp == std::string_view::npos) break;
        query.remove_prefix(amp + 1);
    }
    return {};
}

HttpResponse challenge(const std::string &description) {
    HttpResponse response =
        json_response(401, {{"error", "access_denied"}, {"error_description", description}});
    add_no_store(response);
    response.headers.emplace_back(
        "WWW-Authenticate",
        "Bearer realm=\"Service\", error=\"access_denied\", error_description=\"" + description + "\"");
    return response;
}

int refuse(const pim_http_response &out, const HttpResponse &response) {
    response.send(out);
    return PIM_AUTH_REFUSED;
}

std::string forbidden_message(std::string_view method, const Permission &permission) {
    const bool reading = method == "GET" || method == "HEAD";
    return "Access forbidden. You are not allowed to " +
           std::string(reading ? "list " : "create or update ") + std::string(permission.entities) + ".";
}

}  // namespace

std::string_view bearer_token(std::string_view authorization) {
    std::size_t i = 0;
    while (i < authorization.size() && !is_space(authorization[i])) ++i;
    if (!iequals_ascii(authorization.substr(0, i), "Bearer")) return {};
    while (i < authorization.size() && is_space(authorization[i])) ++i;
    const std::size_t start = i;
    while (i < authorization.size() && !is_space(authorization[i])) ++i;
    const std::string_view token = authorization.substr(start, i - start);
    while (i < authorization.size() && is_space(authorization[i])) ++i;
    return i == authorization.size() ? token : std::string_view();
}

int Authenticator::authenticate(const pim_auth_request &request, const pim_principal_sink &principal,
                                const pim_http_response &refusal) noexcept {
    try {
        return check(request, principal, refusal);
    } catch (const StorageUnavailable &error) {
        return fail(503, "Service temporarily unavailable.", error.what(), refusal);
    } catch (const std::exception &error) {
        return fail(500, "Internal error.", error.what(), refusal);
    } catch (...) {
        return fail(500, "Internal error.", "unknown error", refusal);
    }
}

int Authenticator::refuse_counted(const pim_http_response &out, const HttpResponse &response,
                                  std::int64_t client_id, std::int64_t now) {
    usage_.count(client_id, now, response.status == 403 ? Metric::api_forbidden : Metric::api_unauthorized);
    return refuse(out, response);
}

int Authenticator::fail(int status, const char *message, const char *detail,
                        const pim_http_response &refusal) noexcept {
    try {
        log_(PIM_LOG_ERROR, std::string("bearer check: ") + detail);
        return refuse(refusal, json_message(status, message));
    } catch (...) {
        return PIM_AUTH_REFUSED;  // the host answers 500 when the refusal is incomplete
    }
}

int Authenticator::check(const pim_auth_request &request, const pim_principal_sink &principal,
                         const pim_http_response &refusal) {
    {
        std::string_view token = bearer_token(view(request.authorization));
        const std::string_view from_query = query_token(view(request.query));
        if (!from_query.empty()) {
            if (!settings_.oauth.allow_access_token_query_parameter)
                log_(PIM_LOG_INFO,
                     "ignored an access_token query parameter (oauth.allow_access_token_query_parameter is "
                     "off)");
            else if (!token.empty())
                return refuse(refusal,
                              json_message(400, "Only one method may be used to authenticate at a time."));
            else
                token = from_query;
        }
        if (token.empty())
            return refuse_counted(refusal, challenge("OAuth2 authentication required"), 0,
                                  settings_.clock->now());

        std::optional<std::size_t> required;
        if (request.required_permission != nullptr) {
            required = permission_index(request.required_permission);
            if (!required) {
                log_(PIM_LOG_ERROR,
                     std::string("unknown permission required by a route: ") + request.required_permission);
                return refuse(refusal, json_message(500, "Internal error."));
            }
        }

        TokenHash hash;
        settings_.keys->hash_token(token, hash);
        auto lease = pool_().acquire();
        AccessTokenRow &row = lease.row();
        const std::int64_t now = settings_.clock->now();
        if (!lease.find_access_token(hash))
            return refuse_counted(refusal, json_message(401, "The access token provided is invalid."), 0,
                                  now);
        if (now > row.expires_at)
            return refuse_counted(refusal, json_message(401, "The access token provided has expired."),
                                  row.client_id, now);
        if (row.user_id != 0 && !row.user_enabled)
            return refuse_counted(refusal, challenge("User account is disabled."), row.client_id, now);
        if (row.user_id == 0 || (row.permissions & 1U) == 0)
            return refuse_counted(refusal, json_message(403, "You are not allowed to access the web API."),
                                  row.client_id, now);
        if (required && (row.permissions & (1U << *required)) == 0)
            return refuse_counted(
                refusal,
                json_message(403, forbidden_message(view(request.method), permission_catalogue[*required])),
                row.client_id, now);
        usage_.count(row.client_id, now, Metric::api_granted);
        usage_.used(row.client_id, row.user_id, row.token_id, now);

        // The principal, from buffers that live until the sink returns.
        std::array<pim_string_view, permission_catalogue.size()> granted{};
        std::size_t count = 0;
        for (std::size_t i = 0; i < permission_catalogue.size(); ++i)
            if ((row.permissions & (1U << i)) != 0)
                granted[count++] = {permission_catalogue[i].id.data(), permission_catalogue[i].id.size()};
        std::array<char, 96> client_id{};
        auto [end, ec] = std::to_chars(client_id.data(), client_id.data() + 24, row.client_id);
        *end++ = '_';
        const std::size_t random_length = std::min(
            row.client_random_id.size(), client_id.size() - static_cast<std::size_t>(end - client_id.data()));
        end = std::copy_n(row.client_random_id.data(), random_length, end);
        pim_principal result{};
        result.struct_size = sizeof result;
        result.user_id = row.user_id;
        result.username = {row.username.data(), row.username.size()};
        result.client_id = {client_id.data(), static_cast<std::size_t>(end - client_id.data())};
        result.token_expires_at = row.expires_at;
        result.permissions = granted.data();
        result.permission_count = count;
        principal.accept(principal.opaque, &result);
        return PIM_AUTH_GRANTED;
    }
}

}  // namespace pim
