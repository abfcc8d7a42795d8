// Every refusal of the token endpoint as one value (as fosite's
// RFC6749Error): the status sent, the RFC 6749 `error` code kept for logs
// and metrics (token-endpoint.md §8), the body's message, and for 429 the
// seconds to wait. Functions of the token flow return OAuthResult<T>: a value
// or the refusal that stopped it; nothing of the flow throws to refuse.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace pim {

struct OAuthRefusal {
    int status = 422;
    std::string_view error;  // a literal: "invalid_client", …; "-" when §8 has no name for it
    std::string message;
    std::int64_t retry_after = 0;  // 429 only
};

namespace refusal {

// token-endpoint.md §4: the reference's exact messages (A–E there, in that
// order) and the others of the 422 table.
inline constexpr std::string_view missing_grant_or_credentials =
    "Parameter \"grant_type\", \"username\" or \"password\" is missing, empty or invalid";
inline constexpr std::string_view unknown_client_or_secret =
    "Parameter \"client_id\" is missing or does not match any client, or secret is invalid";
inline constexpr std::string_view grant_not_allowed = "This grant type is not authorized for this client";
inline constexpr std::string_view missing_refresh_token =
    "Parameter \"grant_type\" or \"refresh_token\" is missing or empty";
inline constexpr std::string_view refresh_token_invalid = "Refresh token is invalid or has expired";
inline constexpr std::string_view no_user_message = "No user found for the given username and password";

inline OAuthRefusal invalid_request(std::string_view message) {
    return {422, "invalid_request", std::string(message)};
}
inline OAuthRefusal invalid_client() {
    return {422, "invalid_client", std::string(unknown_client_or_secret)};
}
inline OAuthRefusal unauthorized_client() {
    return {422, "unauthorized_client", std::string(grant_not_allowed)};
}
inline OAuthRefusal no_user_found() {
    return {422, "invalid_grant", std::string(no_user_message)};
}
// Ours (docs/connection-monitoring.md): client_credentials of a connection
// whose user is disabled.
inline OAuthRefusal connection_user_disabled() {
    return {422, "invalid_grant", "The user of this connection is disabled."};
}
inline OAuthRefusal invalid_refresh_token() {
    return {422, "invalid_grant", std::string(refresh_token_invalid)};
}
inline OAuthRefusal invalid_scope() {
    return {422, "invalid_scope", "An unsupported scope was requested."};
}
inline OAuthRefusal throttled(std::int64_t retry_after) {
    return {429, "throttled", "Too many failed attempts. Retry later.", retry_after};
}
inline OAuthRefusal bad_request(std::string message) {
    return {400, "-", std::move(message)};
}
inline OAuthRefusal unsupported_media_type(std::string message) {
    return {415, "-", std::move(message)};
}

}  // namespace refusal

// A T, or the refusal that stopped the flow.
template <class T>
class OAuthResult {
public:
    OAuthResult(T value) : state_(std::move(value)) {}                 // NOLINT(google-explicit-constructor)
    OAuthResult(OAuthRefusal refused) : state_(std::move(refused)) {}  // NOLINT(google-explicit-constructor)

    [[nodiscard]] bool ok() const { return std::holds_alternative<T>(state_); }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] T &value() { return std::get<T>(state_); }
    [[nodiscard]] const T &value() const { return std::get<T>(state_); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() { return value(); }
    const T &operator*() const { return value(); }
    [[nodiscard]] const OAuthRefusal &refusal() const { return std::get<OAuthRefusal>(state_); }

private:
    std::variant<T, OAuthRefusal> state_;
};

}  // namespace pim
