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
    Database &db_;
    const PasswordSettings &passwords_;
};

}  // namespace pim
