#include "domain/client.hpp"

#include "domain/text.hpp"

#include <algorithm>
#include <charconv>

namespace pim {

std::optional<GrantType> parse_grant_type(std::string_view text) {
    if (text == "password") return GrantType::password;
    if (text == "refresh_token") return GrantType::refresh_token;
    if (text == "client_credentials") return GrantType::client_credentials;
    return std::nullopt;
}

bool matches_grant_type_pattern(std::string_view text) {
    for (const std::string_view exact :
         {"authorization_code", "token", "password", "client_credentials", "refresh_token"})
        if (text == exact) return true;
    // ".+": at least one character, none a line terminator (ECMAScript's '.').
    const auto rest_matches = [&](std::string_view prefix) {
        if (!text.starts_with(prefix) || text.size() == prefix.size()) return false;
        return text.find_first_of("\r\n", prefix.size()) == std::string_view::npos;
    };
    return rest_matches("http://") || rest_matches("https://") || rest_matches("urn:");
}

std::string_view to_string(GrantType type) {
    switch (type) {
        case GrantType::password: return "password";
        case GrantType::refresh_token: return "refresh_token";
        case GrantType::client_credentials: return "client_credentials";
    }
    return "";
}

namespace {

std::string public_client_id(std::int64_t id, std::string_view random_id) {
    std::string text = std::to_string(id);
    text.reserve(text.size() + 1 + random_id.size());
    text.push_back('_');
    return text.append(random_id);
}

}  // namespace

std::string Client::public_id() const {
    return public_client_id(id, random_id);
}

std::string ClientListing::public_id() const {
    return public_client_id(id, random_id);
}

bool Client::allows(GrantType type) const {
    return std::find(grant_types.begin(), grant_types.end(), type) != grant_types.end();
}

std::optional<PublicClientId> parse_public_client_id(std::string_view text) {
    const auto underscore = text.find('_');
    if (underscore == std::string_view::npos || underscore == 0) return std::nullopt;
    const std::string_view digits = text.substr(0, underscore);
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    PublicClientId parsed;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), parsed.id);
    if (error != std::errc{} || end != digits.data() + digits.size() || parsed.id <= 0) return std::nullopt;
    parsed.random_id = ascii_lower(text.substr(underscore + 1));
    return parsed;
}

std::vector<Violation> label_violations(std::string_view label, const std::string &path,
                                        std::size_t max_length) {
    std::vector<Violation> violations;
    if (is_blank(label)) {
        violations.push_back({path, "This value should not be blank."});
        return violations;
    }
    const auto length = utf8_length(label);
    if (!length) {
        violations.push_back({path, "This value is not valid UTF-8."});
        return violations;
    }
    if (*length > max_length)
        violations.push_back({path, "This value is too long. It should have " + std::to_string(max_length) +
                                        " characters or less."});
    if (has_control_character(label))
        violations.push_back({path, "This value should not contain control characters."});
    return violations;
}

std::string join_grant_types(const std::vector<GrantType> &types) {
    std::string out;
    for (const auto type : types) {
        if (!out.empty()) out += ' ';
        out += to_string(type);
    }
    return out;
}

std::vector<GrantType> split_grant_types(std::string_view stored) {
    std::vector<GrantType> types;
    while (!stored.empty()) {
        const auto space = stored.find(' ');
        if (const auto type = parse_grant_type(stored.substr(0, space))) types.push_back(*type);
        if (space == std::string_view::npos) break;
        stored.remove_prefix(space + 1);
    }
    return types;
}

}  // namespace pim
