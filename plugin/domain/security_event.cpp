#include "domain/security_event.hpp"

namespace pim {

std::string_view event_name(SecurityEventType type) {
    switch (type) {
        case SecurityEventType::wrong_client_secret: return "wrong_client_secret";
        case SecurityEventType::wrong_password: return "wrong_password";
        case SecurityEventType::refresh_token_reuse: return "refresh_token_reuse";
        case SecurityEventType::wrong_credentials_combination: return "wrong_credentials_combination";
        case SecurityEventType::secret_regenerated: return "secret_regenerated";
        case SecurityEventType::password_regenerated: return "password_regenerated";
        case SecurityEventType::client_revoked: return "client_revoked";
    }
    return "unknown";
}

}  // namespace pim
