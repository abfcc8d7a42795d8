#include "app/grants/grant_context.hpp"

#include "domain/random.hpp"
#include "storage/token_repository.hpp"

#include <sodium.h>

namespace pim {

std::string new_token_family_id() {
    unsigned char bytes[16];
    randombytes_buf(bytes, sizeof bytes);
    char hex[33];
    sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
    return hex;
}

IssuedTokens issue_tokens(TokenInserter &tokens, const Settings &settings, std::int64_t client_id,
                          std::optional<std::int64_t> user_id, const std::string &family_id,
                          bool with_refresh) {
    const KeyRing &keys = *settings.keys;
    const std::int64_t issued_at = settings.clock->now();
    IssuedTokens issued;
    issued.expires_in = settings.oauth.access_token_lifetime;
    issued.user_id = user_id.value_or(0);
    issued.access_token = random_token();
    tokens.insert_access(
        keys.hash_token(issued.access_token),
        {client_id, user_id, family_id, issued_at + settings.oauth.access_token_lifetime, issued_at});
    if (with_refresh) {
        issued.refresh_token = random_token();
        tokens.insert_refresh(
            keys.hash_token(*issued.refresh_token),
            {client_id, user_id, family_id, issued_at + settings.oauth.refresh_token_lifetime, issued_at});
    }
    return issued;
}

}  // namespace pim
