// Roles: a code derived from the label, and the Web API permissions granted.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pim {

inline constexpr std::string_view default_role_code = "ROLE_USER";
inline constexpr std::string_view administrator_role_code = "ROLE_ADMINISTRATOR";
inline constexpr std::string_view api_connection_role_code = "ROLE_API_CONNECTION";

struct Role {
    std::int64_t id = 0;
    std::string code;
    std::string label;
    std::vector<std::string> permissions;  // catalogue order
    std::vector<std::string> users;        // usernames, case-insensitive order
};

// permissions.md §5: every byte outside [A-Za-z0-9_-] becomes '_', ASCII
// letters are upper-cased, "ROLE_" is prefixed unless already there.
std::string derive_role_code(std::string_view label);

}  // namespace pim
