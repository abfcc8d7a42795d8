#include "app/user_service.hpp"

#include "app/monitoring.hpp"
#include "storage/connection_repository.hpp"
#include "storage/security_event_repository.hpp"

#include "app/role_service.hpp"
#include "domain/password_hasher.hpp"
#include "storage/role_repository.hpp"
#include "storage/user_repository.hpp"

#include <sodium.h>
#include <algorithm>

namespace pim {
namespace {

// Erases a password copy when the use case ends.
class Wiped {
public:
    explicit Wiped(std::string &text) : text_(text) {}
    ~Wiped() { sodium_memzero(text_.data(), text_.size()); }
    Wiped(const Wiped &) = delete;
    Wiped &operator=(const Wiped &) = delete;

private:
    std::string &text_;
};

void check_login_free(UserRepository &users, const std::string &value, const std::string &path,
                      std::int64_t user_id, std::vector<Violation> &out) {
    const auto owner = users.login_owner(login_key(value));
    if (owner && *owner != user_id) out.push_back({path, "This value is already used.", true});
}

std::vector<std::int64_t> role_ids(RoleRepository &roles, const std::vector<std::string> &codes,
                                   std::vector<Violation> &out) {
    std::vector<std::int64_t> ids;
    for (std::size_t i = 0; i < codes.size(); ++i) {
        const auto role = roles.find_by_code(codes[i]);
        if (!role)
            out.push_back({"roles[" + std::to_string(i) + "]", "Role \"" + codes[i] + "\" does not exist."});
        else if (std::find(ids.begin(), ids.end(), role->id) == ids.end())
            ids.push_back(role->id);
    }
    return ids;
}

std::vector<Violation> profile_violations(const User &user) {
    std::vector<Violation> out;
    check_username(user.username, out);
    check_email(user.email, out);
    check_name(user.first_name, "first_name", out);
    check_name(user.last_name, "last_name", out);
    check_ui_locale(user.ui_locale, out);
    return out;
}

void throw_if_any(std::vector<Violation> &violations) {
    if (!violations.empty()) throw ValidationError(std::move(violations));
}

NotFoundError user_not_found(const std::string &username) {
    return NotFoundError("User with username " + username + " does not exist.");
}

}  // namespace

User UserService::create(const NewUser &request) {
    std::string password = request.password;
    const Wiped wipe(password);
    std::vector<Violation> violations = profile_violations(request.profile);
    check_password(password, passwords_.min_length, violations);
    // Hash outside the write transaction: Argon2id takes a while and the
    // database must not stay locked meanwhile.
    std::string hash;
    if (violations.empty())
        hash = PasswordHasher(passwords_.argon2id_opslimit, passwords_.argon2id_memlimit_kib).hash(password);
    return with_storage_errors(db_, [&] {
        WriteTransaction transaction(db_);
        UserRepository users(db_);
        RoleRepository roles(db_);
        check_login_free(users, request.profile.username, "username", 0, violations);
        if (login_key(request.profile.email) != login_key(request.profile.username))
            check_login_free(users, request.profile.email, "email", 0, violations);
        const auto ids = role_ids(roles, request.roles, violations);
        throw_if_any(violations);
        const auto id = users.insert(request.profile, hash);
        users.set_roles(id, ids);
        auto user = users.find_by_id(id);
        transaction.commit();
        return *user;
    });
}

// Inside the caller's transaction: one event per connection of the user.
void UserService::record_password_change(std::int64_t user_id) {
    if (settings_ == nullptr) return;
    for (const auto &connection : ConnectionRepository(db_).find_by_user(user_id))
        SecurityEventRepository(db_).append(
            make_security_event(connection.client_id, SecurityEventType::password_regenerated,
                                settings_->clock->now(), "local", ""),
            settings_->monitoring.events_per_client);
}

User UserService::update(const std::string &username, const UserChanges &changes) {
    std::string password = changes.password.value_or("");
    const Wiped wipe(password);
    std::vector<Violation> violations;
    if (changes.password) check_password(password, passwords_.min_length, violations);
    std::string hash;
    if (changes.password && violations.empty())
        hash = PasswordHasher(passwords_.argon2id_opslimit, passwords_.argon2id_memlimit_kib).hash(password);
    return with_storage_errors(db_, [&] {
        WriteTransaction transaction(db_);
        UserRepository users(db_);
        RoleRepository roles(db_);
        auto user = users.find_by_username(username);
        if (!user) throw user_not_found(username);
        if (changes.email) user->email = *changes.email;
        if (changes.first_name) user->first_name = *changes.first_name;
        if (changes.last_name) user->last_name = *changes.last_name;
        if (changes.ui_locale) user->ui_locale = *changes.ui_locale;
        if (changes.enabled) user->enabled = *changes.enabled;
        std::vector<Violation> profile = profile_violations(*user);
        violations.insert(violations.begin(), profile.begin(), profile.end());
        if (changes.email) check_login_free(users, user->email, "email", user->id, violations);
        std::vector<std::int64_t> ids;
        if (changes.roles) ids = role_ids(roles, *changes.roles, violations);
        throw_if_any(violations);
        users.update_profile(*user);
        if (changes.password) {
            users.set_password(user->id, hash);
            record_password_change(user->id);
        }
        if (changes.roles) users.set_roles(user->id, ids);
        auto updated = users.find_by_id(user->id);
        transaction.commit();
        return *updated;
    });
}

void UserService::remove(const std::string &username) {
    with_storage_errors(db_, [&] {
        WriteTransaction transaction(db_);
        UserRepository users(db_);
        const auto user = users.find_by_username(username);
        if (!user) throw user_not_found(username);
        users.remove(user->id);
        transaction.commit();
    });
}

std::vector<User> UserService::list() {
    return with_storage_errors(db_, [&] { return UserRepository(db_).list(); });
}

UserService::RoleAdded UserService::add_role(const std::string &username, const std::string &role_argument) {
    return with_storage_errors(db_, [&] {
        WriteTransaction transaction(db_);
        UserRepository users(db_);
        auto user = users.find_by_username(username);
        if (!user) throw NotFoundError("User \"" + username + "\" does not exist.");
        const auto role = resolve_role(db_, role_argument);
        if (!role) throw NotFoundError("Role \"" + role_argument + "\" does not exist.");
        const bool added = std::find(user->roles.begin(), user->roles.end(), role->code) == user->roles.end();
        if (added) users.add_role(user->id, role->id);
        auto updated = users.find_by_id(user->id);
        transaction.commit();
        return RoleAdded{*updated, role->code, added};
    });
}

}  // namespace pim
