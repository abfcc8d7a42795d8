#include "app/token_parameters.hpp"

namespace pim {

namespace {

void take(std::optional<std::string> &to, std::optional<std::string> &from) {
    wipe(to);
    to = from;  // a copy, then the source is wiped: no moved-from buffer keeps bytes
    wipe(from);
    from.reset();
}

}  // namespace

TokenParameters::TokenParameters(TokenParameters &&other) noexcept {
    *this = std::move(other);
}

TokenParameters &TokenParameters::operator=(TokenParameters &&other) noexcept {
    if (this == &other) return *this;
    for (auto member :
         {&TokenParameters::grant_type, &TokenParameters::username, &TokenParameters::password,
          &TokenParameters::refresh_token, &TokenParameters::scope, &TokenParameters::client_id,
          &TokenParameters::client_secret, &TokenParameters::token, &TokenParameters::token_type_hint})
        take(this->*member, other.*member);
    return *this;
}

TokenParameters::~TokenParameters() {
    wipe_all();
}

void TokenParameters::wipe_all() noexcept {
    for (auto *member : {&grant_type, &username, &password, &refresh_token, &scope, &client_id,
                         &client_secret, &token, &token_type_hint})
        wipe(*member);
}

ClientCredentials::ClientCredentials(ClientCredentials &&other) noexcept
    : client_id(other.client_id), secret(other.secret) {
    wipe(other.client_id);
    wipe(other.secret);
}

ClientCredentials &ClientCredentials::operator=(ClientCredentials &&other) noexcept {
    if (this == &other) return *this;
    wipe(secret);
    client_id = other.client_id;
    secret = other.secret;
    wipe(other.client_id);
    wipe(other.secret);
    return *this;
}

ClientCredentials::~ClientCredentials() {
    wipe(secret);
}

}  // namespace pim
