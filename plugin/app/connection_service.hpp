// pim:connection:create: an API user, its role and a client, in one step.
#pragma once

#include "config/settings.hpp"
#include "domain/client.hpp"
#include "domain/connection.hpp"
#include "domain/key_ring.hpp"
#include "storage/database.hpp"

#include <optional>
#include <string>

namespace pim {

struct ConnectionRequest {
    std::string code;
    std::optional<std::string> label;  // default: the code
    std::string flow_type = "other";
    bool auditable = false;
    std::optional<std::string> role;  // default: ROLE_API_CONNECTION, created if absent
    // Ours: the client may also use client_credentials, acting as the
    // connection's user (docs/connection-monitoring.md).
    bool client_credentials = false;
};

struct CreatedConnection {
    Connection connection;
    Client client;
    std::string username;
    std::string password;  // shown once, stored hashed
    std::string role_code;
    bool role_has_overall_access = false;
};

class ConnectionService {
public:
    ConnectionService(Database &db, const KeyRing &keys, const PasswordSettings &passwords)
        : db_(db), keys_(keys), passwords_(passwords) {}

    // Throws ValidationError with paths code, label, flow_type, role.
    CreatedConnection create(const ConnectionRequest &request);

private:
    Database &db_;
    const KeyRing &keys_;
    const PasswordSettings &passwords_;
};

}  // namespace pim
