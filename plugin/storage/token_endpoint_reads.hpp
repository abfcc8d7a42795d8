// The reads every token request makes (its throttle counter, its client),
// prepared once per pooled connection, as the refresh grant's statements.
#pragma once

#include "domain/client.hpp"
#include "domain/key_ring.hpp"
#include "storage/client_row.hpp"
#include "storage/database.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace pim {

class TokenEndpointReads {
public:
    explicit TokenEndpointReads(Database &db);

    // As ClientRepository::find.
    std::optional<Client> find_client(const PublicClientId &id, const KeyRing &keys);
    // Unix time until which the throttle counter `subject` is blocked (0 when it is not).
    std::int64_t blocked_until(const std::string &subject);

private:
    long long client_id_ = 0;
    std::string random_id_;
    ClientRow client_;
    soci::statement find_client_;

    std::string subject_;
    long long blocked_until_ = 0;
    soci::statement blocked_until_statement_;
};

}  // namespace pim
