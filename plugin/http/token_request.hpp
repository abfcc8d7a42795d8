// Decoding of a token request (token-endpoint.md §2–§3): content type, JSON
// or form body, and HTTP Basic client credentials.
#pragma once

#include "app/oauth_refusal.hpp"
#include "app/token_parameters.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace pim {

// The parameters, or the refusal of a missing or unsupported content type
// (415) or an undecodable body (400).
OAuthResult<TokenParameters> decode_token_body(std::string_view content_type, std::string_view body);

// The body's grant_type alone, as decode_token_body would read it, for
// deciding where a request runs: the other values (a password, a secret)
// are skipped, never copied. nullopt when absent or undecodable.
std::optional<std::string> peek_grant_type(std::string_view content_type, std::string_view body);

// "Basic base64(id:secret)" when it decodes and the id part is non-empty.
std::optional<ClientCredentials> basic_credentials(std::string_view authorization);

// The client a request presents (token-endpoint.md §3): the Basic header
// first; the body's client_id / client_secret otherwise.
std::optional<ClientCredentials> presented_client(std::string_view authorization,
                                                  const TokenParameters &parameters);

}  // namespace pim
