// Use cases on OAuth clients, each in one transaction.
#pragma once

#include "config/settings.hpp"
#include "domain/client.hpp"
#include "domain/connection.hpp"
#include "domain/key_ring.hpp"
#include "domain/security_event.hpp"
#include "storage/client_repository.hpp"
#include "storage/database.hpp"

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

namespace pim {

struct NewClient {
    std::string label;
    std::vector<GrantType> grant_types{GrantType::password, GrantType::refresh_token};
    std::vector<std::string> redirect_uris;
};

class ClientService {
public:
    ClientService(Database &db, const KeyRing &keys) : db_(db), keys_(keys) {}
    // With the settings, revocations and new secrets are recorded as security
    // events, and time comes from the plugin's clock.
    ClientService(Database &db, const Settings &settings)
        : db_(db), keys_(*settings.keys), settings_(&settings) {}

    // Throws ValidationError when the label breaks the rules.
    Client create(const NewClient &request);
    std::vector<Client> list();
    std::vector<ClientListing> listing();  // list-clients' table
    // The System › API connections grid: every client with its connection,
    // by label (case-insensitive) then id; `search` filters labels.
    std::vector<std::pair<Client, std::optional<Connection>>> api_connections(const std::string &search);
    std::optional<Client> find(std::string_view public_id);
    // Deletes the client, its tokens and its connection; NotFoundError if gone.
    Client revoke(std::string_view public_id, const std::string &not_found_message);
    // New secret, tokens deleted; NotFoundError if gone.
    Client regenerate_secret(std::string_view public_id, const std::string &not_found_message);
    // New secret; the current one keeps authenticating for `keep_previous_for`
    // seconds and the tokens stay. NotFoundError if gone.
    Client rotate_secret(std::string_view public_id, std::int64_t keep_previous_for,
                         const std::string &not_found_message);
    // Clients neither used nor created in the last `seconds`.
    std::vector<Client> unused_for(std::int64_t seconds);
    // Allows or denies token introspection (RFC 7662); NotFoundError if gone.
    Client set_introspection(std::string_view public_id, bool allowed, const std::string &not_found_message);

private:
    [[nodiscard]] std::int64_t now() const;
    void record(const Client &client, SecurityEventType type);
    Client modify_client(std::string_view public_id, const std::string &not_found_message,
                         const std::function<void(ClientRepository &, Client &)> &change);

    Database &db_;
    const KeyRing &keys_;
    const Settings *settings_ = nullptr;
};

}  // namespace pim
