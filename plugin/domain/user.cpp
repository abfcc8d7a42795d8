#include "domain/user.hpp"

#include "domain/text.hpp"

namespace pim {
namespace {

void check_text(std::string_view value, const std::string &path, std::size_t max_length, bool reject_control,
                std::vector<Violation> &out) {
    if (is_blank(value)) {
        out.push_back({path, "This value should not be blank."});
        return;
    }
    const auto length = utf8_length(value);
    if (!length) {
        out.push_back({path, "This value is not valid UTF-8."});
        return;
    }
    if (*length > max_length)
        out.push_back({path, "This value is too long. It should have " + std::to_string(max_length) +
                                 " characters or less."});
    if (reject_control && has_control_character(value))
        out.push_back({path, "This value should not contain control characters."});
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

}  // namespace

std::string login_key(std::string_view username_or_email) {
    return fold_case(username_or_email);
}

bool looks_like_email(std::string_view value) {
    // ".+" before the last '@' that still leaves "\S+\.\S+" after it.
    for (std::size_t at = value.rfind('@'); at != std::string_view::npos && at > 0;
         at = value.rfind('@', at - 1)) {
        const std::string_view local = value.substr(0, at);
        const std::string_view domain = value.substr(at + 1);
        if (local.find('\n') != std::string_view::npos) return false;
        bool no_space = true;
        for (const char c : domain) no_space = no_space && !is_space(c);
        // "\S+\.\S+": some dot with a character before and after it (the
        // domain may itself end with a dot: "a@b.c." matches).
        const auto dot = domain.find('.', 1);
        if (no_space && dot != std::string_view::npos && dot + 1 < domain.size()) return true;
        if (at == 0) break;
    }
    return false;
}

void check_username(std::string_view value, std::vector<Violation> &out) {
    check_text(value, "username", 255, true, out);
}

void check_email(std::string_view value, std::vector<Violation> &out) {
    const std::size_t before = out.size();
    check_text(value, "email", 255, false, out);
    if (out.size() == before && !looks_like_email(value))
        out.push_back({"email", "This value is not a valid email address."});
}

void check_password(std::string_view value, int min_length, std::vector<Violation> &out) {
    if (value.empty()) {
        out.push_back({"password", "This value should not be blank."});
        return;
    }
    const auto length = utf8_length(value);
    if (!length) {
        out.push_back({"password", "This value is not valid UTF-8."});
        return;
    }
    if (*length < static_cast<std::size_t>(min_length))
        out.push_back({"password", "This value is too short. It should have " + std::to_string(min_length) +
                                       " characters or more."});
    if (*length > 1024)
        out.push_back({"password", "This value is too long. It should have 1024 characters or less."});
}

void check_name(std::string_view value, const std::string &path, std::vector<Violation> &out) {
    check_text(value, path, 255, false, out);
}

void check_ui_locale(std::string_view value, std::vector<Violation> &out) {
    check_text(value, "ui_locale", 20, false, out);
}

}  // namespace pim
