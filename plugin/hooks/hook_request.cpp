#include "hooks/hook_request.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace pim {
namespace {

bool blank(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

Violation wrong_type(const std::string &path, const char *type) {
    return {path, std::string("This value should be of type ") + type + "."};
}

}  // namespace

HookRequest::HookRequest(std::string_view body) {
    if (blank(body)) return;  // an absent or empty request means {}
    boost::system::error_code ec;
    boost::json::value value = boost::json::parse(body, ec);
    if (ec) throw Error(400, "Invalid json message received");
    if (!value.is_object()) throw Error(400, "The request body must be a JSON object.");
    object_ = std::move(value.as_object());
}

const boost::json::value *HookRequest::field(const char *name, bool required) {
    known_.insert(name);
    const auto *value = object_.if_contains(name);
    if (value == nullptr && required) violations_.push_back({name, "This field is missing."});
    return value;
}

std::optional<std::string> HookRequest::string(const char *name, bool required) {
    const auto *value = field(name, required);
    if (value == nullptr) return std::nullopt;
    if (!value->is_string()) {
        violations_.push_back(wrong_type(name, "string"));
        return std::nullopt;
    }
    return std::string(value->as_string());
}

std::optional<bool> HookRequest::boolean(const char *name, bool required) {
    const auto *value = field(name, required);
    if (value == nullptr) return std::nullopt;
    if (!value->is_bool()) {
        violations_.push_back(wrong_type(name, "boolean"));
        return std::nullopt;
    }
    return value->as_bool();
}

std::optional<std::vector<std::string>> HookRequest::strings(const char *name, bool required) {
    const auto *value = field(name, required);
    if (value == nullptr) return std::nullopt;
    if (!value->is_array()) {
        violations_.push_back(wrong_type(name, "array"));
        return std::nullopt;
    }
    std::vector<std::string> out;
    const auto &array = value->as_array();
    for (std::size_t i = 0; i < array.size(); ++i) {
        if (!array[i].is_string())
            violations_.push_back(wrong_type(std::string(name) + "[" + std::to_string(i) + "]", "string"));
        else
            out.emplace_back(array[i].as_string());
    }
    return out;
}

void HookRequest::finish_decoding() {
    for (const auto &member : object_)
        if (known_.find(member.key()) == known_.end())
            violations_.push_back({std::string(member.key()), "This field was not expected."});
    if (!violations_.empty()) throw ValidationError(400, in_request_order(violations_));
}

std::vector<Violation> HookRequest::in_request_order(std::vector<Violation> violations) const {
    const auto position = [this](const Violation &violation) {
        const std::string field = violation.path.substr(0, violation.path.find('['));
        std::size_t index = 0;
        for (const auto &member : object_) {
            if (member.key() == field) return index;
            ++index;
        }
        return object_.size();  // missing fields come last
    };
    std::stable_sort(violations.begin(), violations.end(),
                     [&](const Violation &a, const Violation &b) { return position(a) < position(b); });
    return violations;
}

}  // namespace pim
