#include "domain/role.hpp"

#include "domain/text.hpp"

namespace pim {

std::string derive_role_code(std::string_view label) {
    std::string code;
    code.reserve(label.size() + 5);
    for (const char c : label) {
        const bool kept = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                          c == '_' || c == '-';
        code += kept ? c : '_';
    }
    code = ascii_upper(trim(code));
    return code.rfind("ROLE_", 0) == 0 ? code : "ROLE_" + code;
}

}  // namespace pim
