// Connections (after reference 4.x): a client bundled with a dedicated API
// user, its role, a code and a flow type.
#pragma once

#include "domain/errors.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pim {

struct Connection {
    std::string code;
    std::string label;
    std::string flow_type = "other";
    bool auditable = false;
    std::int64_t client_id = 0;
    std::optional<std::int64_t> user_id;
    std::optional<std::string> username;  // null once the user is deleted
};

inline constexpr std::string_view flow_types[] = {"data_source", "data_destination", "other"};

void check_connection_code(std::string_view code, std::vector<Violation> &out);
// `label` is trimmed first (reference 4.x).
void check_connection_label(std::string_view label, std::vector<Violation> &out);
bool is_flow_type(std::string_view value);
// --auditable: no value, 1, true, yes → true; 0, false, no → false.
std::optional<bool> parse_auditable(std::string_view value);

}  // namespace pim
