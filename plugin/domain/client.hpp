// OAuth clients ("API connections"): what they are and the rules on them.
#pragma once

#include "domain/errors.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pim {

enum class GrantType { password, refresh_token, client_credentials };

std::optional<GrantType> parse_grant_type(std::string_view text);  // case-sensitive
// token-endpoint.md §4 step 1: whether `text` matches
// ^(authorization_code|token|password|client_credentials|refresh_token|https?://.+|urn:.+)$
// checked with plain string code: request data never reaches std::regex,
// whose recursive matcher overflows the stack on long input.
bool matches_grant_type_pattern(std::string_view text);
std::string_view to_string(GrantType type);
inline constexpr std::string_view allowed_grant_types_text = "password, refresh_token, client_credentials";

struct Client {
    std::int64_t id = 0;
    std::string random_id;  // 50 characters [0-9a-z]
    std::string secret;     // plain; encrypted only in storage
    std::string label;
    std::vector<GrantType> grant_types;
    std::vector<std::string> redirect_uris;
    std::int64_t created_at = 0;
    bool introspect = false;                   // may call POST /api/oauth/v1/introspect
    std::optional<std::int64_t> last_used_at;  // last successful use, as last flushed
    // regenerate-secret --keep-previous-for: the previous secret and until when it authenticates.
    std::optional<std::string> previous_secret;
    std::int64_t previous_secret_expires_at = 0;

    [[nodiscard]] std::string public_id() const;
    [[nodiscard]] bool allows(GrantType type) const;
};

// One line of the list-clients table: what it shows of a client, read without the rest.
struct ClientListing {
    std::int64_t id = 0;
    std::string random_id;
    std::string secret;  // plain
    std::string label;

    [[nodiscard]] std::string public_id() const;
};

// "{id}_{random id}" split at the first '_'. The id part may have leading
// zeros; the random part is lower-cased. nullopt when it cannot name a client.
struct PublicClientId {
    std::int64_t id = 0;
    std::string random_id;
};
std::optional<PublicClientId> parse_public_client_id(std::string_view text);

// Label rules shared by the console and the admin hooks (admin-hooks.md §2).
std::vector<Violation> label_violations(std::string_view label, const std::string &path,
                                        std::size_t max_length = 255);

// Serialised forms used by storage.
std::string join_grant_types(const std::vector<GrantType> &types);
std::vector<GrantType> split_grant_types(std::string_view stored);

}  // namespace pim
