#include "domain/connection.hpp"

#include "domain/text.hpp"

#include <algorithm>

namespace pim {
namespace {

void check_length(std::string_view value, const std::string &path, std::vector<Violation> &out) {
    const std::size_t length = utf8_length(value).value_or(value.size());
    if (length < 3) out.push_back({path, "This value is too short. It should have 3 characters or more."});
    if (length > 100) out.push_back({path, "This value is too long. It should have 100 characters or less."});
}

}  // namespace

void check_connection_code(std::string_view code, std::vector<Violation> &out) {
    check_length(code, "code", out);
    const bool allowed = std::all_of(code.begin(), code.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    });
    if (!allowed) out.push_back({"code", "This value may only contain letters, digits and underscores."});
}

void check_connection_label(std::string_view label, std::vector<Violation> &out) {
    check_length(trim(label), "label", out);
    if (has_control_character(trim(label)))
        out.push_back({"label", "This value should not contain control characters."});
}

bool is_flow_type(std::string_view value) {
    return std::find(std::begin(flow_types), std::end(flow_types), value) != std::end(flow_types);
}

std::optional<bool> parse_auditable(std::string_view value) {
    if (value.empty() || value == "1" || value == "true" || value == "yes") return true;
    if (value == "0" || value == "false" || value == "no") return false;
    return std::nullopt;
}

}  // namespace pim
