// SQL for users, their login keys (folded username and e-mail) and their
// roles. Callers own transactions.
#pragma once

#include "domain/user.hpp"
#include "storage/database.hpp"

#include <optional>
#include <vector>

namespace pim {

class UserRepository {
public:
    explicit UserRepository(Database &db) : db_(db) {}

    // Matches the username only (not the e-mail), case-insensitively.
    std::optional<User> find_by_username(std::string_view username);
    std::optional<User> find_by_id(std::int64_t id);
    // The user whose username or e-mail folds to `key`.
    std::optional<std::int64_t> login_owner(const std::string &key);
    std::vector<User> list();  // by folded username

    std::int64_t insert(const User &user, const std::string &password_hash);
    void update_profile(const User &user);  // email, names, locale, enabled; login keys follow
    void set_password(std::int64_t id, const std::string &password_hash);  // and deletes the user's tokens
    // The same password under new Argon2id parameters: tokens stay valid.
    void rehash_password(std::int64_t id, const std::string &password_hash);
    void set_roles(std::int64_t id, const std::vector<std::int64_t> &role_ids);
    void add_role(std::int64_t id, std::int64_t role_id);
    void remove(std::int64_t id);  // tokens, logins, roles; connections keep their client
    std::optional<std::string> password_hash(std::int64_t id);
    // The password grant's lookup: username, else e-mail, case-insensitively.
    struct Credentials {
        std::int64_t id = 0;
        std::string username;
        bool enabled = false;
        std::string password_hash;
    };
    std::optional<Credentials> find_credentials(std::string_view username_or_email);
    void delete_tokens(std::int64_t id);

private:
    void replace_login_keys(std::int64_t id, const User &user);
    std::vector<std::string> role_codes(std::int64_t id);

    Database &db_;
};

}  // namespace pim
