// The reads every token request makes (its throttle counter, its client),
// prepared once per pooled connection, as the refresh grant's statements.
#pragma once

#include "domain/client.hpp"
#include "domain/key_ring.hpp"
#include "storage/database.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace pim {

class TokenEndpointReads {
public:
    TokenEndpointReads() = default;
    virtual ~TokenEndpointReads() = default;
    TokenEndpointReads(const TokenEndpointReads &) = delete;
    TokenEndpointReads &operator=(const TokenEndpointReads &) = delete;

    // As ClientRepository::find.
    virtual std::optional<Client> find_client(const PublicClientId &id, const KeyRing &keys) = 0;
    // Unix time until which the throttle counter `subject` is blocked (0 when it is not).
    virtual std::int64_t blocked_until(const std::string &subject) = 0;

    // SQLite: native prepared statements on SOCI's connection, without
    // SOCI's conversion of every column (find_client: 24.6k -> 20.2k
    // instructions); other backends: SOCI prepared statements.
    static std::unique_ptr<TokenEndpointReads> prepare(Database &db);
};

}  // namespace pim
