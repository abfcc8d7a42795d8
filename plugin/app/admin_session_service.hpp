// The admin console's login and sessions (issue 12). Only administrators
// (ROLE_ADMINISTRATOR) get in; passwords are checked as the password grant
// checks them (Argon2id, a dummy verification for unknown names) and failed
// logins feed the same per-account throttle as the token endpoint. A session
// is a random id in an HttpOnly cookie; the database keeps only keyed hashes
// of it and of its CSRF token, so that every host process on the database
// shares the sessions and a database dump opens none of them.
#pragma once

#include "app/throttle.hpp"
#include "config/settings.hpp"
#include "storage/connection_pool.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace pim {

// What a successful login hands to the browser (never stored as such).
struct AdminLogin {
    std::string session_id;  // the cookie's value
    std::string csrf_token;  // sent back in X-CSRF-Token on every change
    std::string username;
};

struct AdminLoginRefusal {
    int status = 401;  // 400, 401, 403 or 429
    std::string message;
    std::int64_t retry_after = 0;  // seconds, for 429
};

// The administrator behind a valid session.
struct AdminPrincipal {
    std::int64_t user_id = 0;
    std::string username;
    std::string session_hash;
    std::string csrf_hash;
};

class AdminSessionService {
public:
    using PoolProvider = std::function<ConnectionPool &()>;

    AdminSessionService(PoolProvider pool, const Settings &settings, Throttle &throttle)
        : pool_(std::move(pool)), settings_(settings), throttle_(throttle) {}

    // Runs Argon2id: call it off the I/O threads.
    std::variant<AdminLogin, AdminLoginRefusal> login(std::string_view username, std::string_view password);
    // The session's administrator, or nullopt when the id is unknown, the
    // session expired (idle or absolute) or its user is no longer an enabled
    // administrator. Refreshes the idle timer.
    std::optional<AdminPrincipal> authenticate(std::string_view session_id);
    // Constant-time comparison of the presented token with the stored hash.
    [[nodiscard]] bool csrf_matches(const AdminPrincipal &principal, std::string_view csrf_token) const;
    void logout(const AdminPrincipal &principal);

private:
    [[nodiscard]] std::string session_hash(std::string_view session_id) const;
    [[nodiscard]] std::string csrf_hash(std::string_view csrf_token) const;
    [[nodiscard]] bool expired(std::int64_t created_at, std::int64_t last_seen_at, std::int64_t now) const;

    PoolProvider pool_;
    const Settings &settings_;
    Throttle &throttle_;
};

}  // namespace pim
