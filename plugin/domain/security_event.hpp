// Security events of a client / connection (issue 15): what happened, when,
// from where. Never a secret, password or token: details are built from
// escaped, non-secret values only (log_field).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pim {

enum class SecurityEventType {
    wrong_client_secret,
    wrong_password,                 // for the connection's own user
    refresh_token_reuse,            // a used refresh token presented again: family revoked
    wrong_credentials_combination,  // a connection's client id with another user's credentials
    secret_regenerated,
    password_regenerated,
    client_revoked,
};

std::string_view event_name(SecurityEventType type);

struct SecurityEvent {
    std::int64_t client_id = 0;
    std::int64_t occurred_at = 0;
    std::string event;
    std::string remote_address;  // "console" for commands and hooks
    std::string detail;
};

}  // namespace pim
