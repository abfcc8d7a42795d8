// API users and the rules on their fields (admin-hooks.md §2).
#pragma once

#include "domain/errors.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pim {

struct User {
    std::int64_t id = 0;
    std::string username;
    std::string email;
    std::string first_name;
    std::string last_name;
    std::string ui_locale = "en_US";
    bool enabled = true;
    std::string type = "user";                 // "user", or "api" for connection users
    std::vector<std::string> roles;            // role codes, sorted
    std::optional<std::int64_t> last_used_at;  // last successful use, as last flushed
};

// Usernames and e-mails are matched case-insensitively: both are stored in
// one key space under this folded form.
std::string login_key(std::string_view username_or_email);

// Field rules. Each appends the violations of one field.
void check_username(std::string_view value, std::vector<Violation> &out);
void check_email(std::string_view value, std::vector<Violation> &out);
void check_password(std::string_view value, int min_length, std::vector<Violation> &out);
void check_name(std::string_view value, const std::string &path, std::vector<Violation> &out);
void check_ui_locale(std::string_view value, std::vector<Violation> &out);

// The loose e-mail check of the reference: ^.+@\S+\.\S+$
bool looks_like_email(std::string_view value);

}  // namespace pim
