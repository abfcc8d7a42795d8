#include "app/admin_session_service.hpp"

#include "domain/password_hasher.hpp"
#include "domain/random.hpp"
#include "domain/role.hpp"
#include "storage/admin_session_repository.hpp"
#include "storage/user_repository.hpp"

#include <sodium.h>

namespace pim {
namespace {

// Domain separation: a session id or CSRF token hashes differently from an
// access token of the same characters.
constexpr std::string_view session_prefix = "pim-admin-session\x1f";
constexpr std::string_view csrf_prefix = "pim-admin-csrf\x1f";

AdminLoginRefusal invalid_credentials() {
    return {401, "Invalid username or password.", 0};
}

}  // namespace

std::string AdminSessionService::session_hash(std::string_view session_id) const {
    return settings_.keys->hash_token(std::string(session_prefix).append(session_id));
}

std::string AdminSessionService::csrf_hash(std::string_view csrf_token) const {
    return settings_.keys->hash_token(std::string(csrf_prefix).append(csrf_token));
}

bool AdminSessionService::expired(std::int64_t created_at, std::int64_t last_seen_at,
                                  std::int64_t now) const {
    const AdminSessionSettings &limits = settings_.admin_session;
    return now - last_seen_at >= limits.idle_timeout || now - created_at >= limits.absolute_lifetime;
}

std::variant<AdminLogin, AdminLoginRefusal> AdminSessionService::login(std::string_view username,
                                                                       std::string_view password) {
    if (username.empty() || password.empty())
        return AdminLoginRefusal{400, "Enter your username and password.", 0};
    const auto account = with_connection(pool_(), [&](ConnectionPool::Lease &lease) {
        return UserRepository(lease.db()).find_credentials(username);
    });
    const std::string user_key =
        Throttle::account_key(account ? std::optional(account->id) : std::nullopt, username);
    // The token endpoint's policy: a blocked account is refused before any password is verified.
    if (const auto wait = throttle_.retry_after(Throttle::Counter::user, user_key))
        return AdminLoginRefusal{
            429, "Too many failed logins. Try again in " + std::to_string(*wait) + " seconds.", *wait};
    const PasswordHasher hasher(settings_.password.argon2id_opslimit,
                                settings_.password.argon2id_memlimit_kib);
    const bool verified =
        hasher.verify_login(account ? std::optional(account->password_hash) : std::nullopt, password);
    if (!verified || !account->enabled) {
        throttle_.failed(Throttle::Counter::user, user_key);
        return invalid_credentials();
    }
    throttle_.succeeded(Throttle::Counter::user, user_key);
    AdminLogin login{random_token(), random_token(), account->username};
    const std::int64_t now = settings_.clock->now();
    const bool administrator = with_connection(pool_(), [&](ConnectionPool::Lease &lease) {
        AdminSessionRepository sessions(lease.db());
        if (!sessions.holds_role(account->id, std::string(administrator_role_code))) return false;
        WriteTransaction transaction(lease.db());
        sessions.remove_expired(now - settings_.admin_session.idle_timeout,
                                now - settings_.admin_session.absolute_lifetime);
        sessions.insert(session_hash(login.session_id), csrf_hash(login.csrf_token), account->id, now);
        transaction.commit();
        return true;
    });
    if (!administrator)
        return AdminLoginRefusal{403,
                                 "This account may not use the admin console: only users with the role "
                                 "ROLE_ADMINISTRATOR can sign in.",
                                 0};
    return login;
}

std::optional<AdminPrincipal> AdminSessionService::authenticate(std::string_view session_id) {
    if (session_id.empty()) return std::nullopt;
    const std::string hash = session_hash(session_id);
    const std::int64_t now = settings_.clock->now();
    return with_connection(pool_(), [&](ConnectionPool::Lease &lease) -> std::optional<AdminPrincipal> {
        AdminSessionRepository sessions(lease.db());
        const auto row = sessions.find(hash);
        if (!row) return std::nullopt;
        if (expired(row->created_at, row->last_seen_at, now) || !row->user_enabled ||
            !row->user_is_administrator) {
            sessions.remove(hash);
            return std::nullopt;
        }
        if (now > row->last_seen_at) sessions.touch(hash, now);
        return AdminPrincipal{row->user_id, row->username, hash, row->csrf_hash};
    });
}

bool AdminSessionService::csrf_matches(const AdminPrincipal &principal, std::string_view csrf_token) const {
    if (csrf_token.empty()) return false;
    const std::string given = csrf_hash(csrf_token);
    return given.size() == principal.csrf_hash.size() &&
           sodium_memcmp(given.data(), principal.csrf_hash.data(), given.size()) == 0;
}

void AdminSessionService::logout(const AdminPrincipal &principal) {
    with_connection(pool_(), [&](ConnectionPool::Lease &lease) {
        AdminSessionRepository(lease.db()).remove(principal.session_hash);
        return 0;
    });
}

}  // namespace pim
