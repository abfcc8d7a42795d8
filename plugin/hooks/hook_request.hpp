// Decoding of an admin hook request (admin-hooks.md §1): a JSON object whose
// fields are read with their types; unknown, missing and mistyped fields
// become violations, reported in the order of the request's fields.
#pragma once

#include "domain/errors.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace pim {

class HookRequest {
public:
    // Throws Error(400) for a body that is not JSON or not an object.
    explicit HookRequest(std::string_view body);

    std::optional<std::string> string(const char *name, bool required);
    std::optional<bool> boolean(const char *name, bool required);
    std::optional<std::vector<std::string>> strings(const char *name, bool required);

    // Throws ValidationError if decoding found problems (unknown fields too).
    void finish_decoding();
    // `violations` sorted by the position of their field in the request.
    [[nodiscard]] std::vector<Violation> in_request_order(std::vector<Violation> violations) const;

private:
    const boost::json::value *field(const char *name, bool required);

    boost::json::object object_;
    std::set<std::string, std::less<>> known_;
    std::vector<Violation> violations_;
};

}  // namespace pim
