// Decoding of a token request (token-endpoint.md §2–§3): content type, JSON
// or form body, and HTTP Basic client credentials.
#pragma once

#include "http/http_response.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace pim {

struct TokenParameters {
    std::optional<std::string> grant_type, username, password, refresh_token, scope, client_id, client_secret;
};

// A request refused before OAuth processing (400, 415): the response to send.
class TokenRequestRefused : public std::exception {
public:
    explicit TokenRequestRefused(HttpResponse response) : response_(std::move(response)) {}
    [[nodiscard]] const HttpResponse &response() const { return response_; }
    [[nodiscard]] const char *what() const noexcept override { return "token request refused"; }

private:
    HttpResponse response_;
};

// Throws TokenRequestRefused for a missing or unsupported content type (415)
// and an undecodable body (400).
TokenParameters decode_token_body(std::string_view content_type, std::string_view body);

struct ClientCredentials {
    std::string client_id;
    std::string secret;
};
// "Basic base64(id:secret)" when it decodes and the id part is non-empty.
std::optional<ClientCredentials> basic_credentials(std::string_view authorization);

}  // namespace pim
