// Use cases on API users, each in one transaction.
#pragma once

#include "config/settings.hpp"
#include "domain/user.hpp"
#include "storage/database.hpp"

#include <optional>
#include <string>
#include <vector>

namespace pim {

struct NewUser {
    User profile;  // username, email, names, ui_locale, enabled, type
    std::string password;
    std::vector<std::string> roles{"ROLE_USER"};  // exactly these role codes
};

struct UserChanges {
    std::optional<std::string> email, first_name, last_name, ui_locale, password;
    std::optional<bool> enabled;
    std::optional<std::vector<std::string>> roles;
};

class UserService {
public:
    UserService(Database &db, const PasswordSettings &passwords) : db_(db), passwords_(passwords) {}
    // With the settings, a new password of a connection's user is recorded
    // as a security event of that connection.
    UserService(Database &db, const Settings &settings)
        : db_(db), passwords_(settings.password), settings_(&settings) {}

    // Throws ValidationError (400, or 409 for uniqueness only).
    User create(const NewUser &request);
    // Throws NotFoundError("User with username … does not exist.") or ValidationError.
    User update(const std::string &username, const UserChanges &changes);
    void remove(const std::string &username);
    std::vector<User> list();
    struct RoleAdded {
        User user;
        std::string role_code;  // what the role argument resolved to
        bool added = false;     // false: the user already had it
    };
    // NotFoundError names the user or the role as the console spec words it.
    RoleAdded add_role(const std::string &username, const std::string &role);

private:
    void record_password_change(std::int64_t user_id);

    Database &db_;
    const PasswordSettings &passwords_;
    const Settings *settings_ = nullptr;
};

}  // namespace pim
