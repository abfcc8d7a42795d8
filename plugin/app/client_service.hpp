// Use cases on OAuth clients, each in one transaction.
#pragma once

#include "domain/client.hpp"
#include "domain/connection.hpp"
#include "domain/key_ring.hpp"
#include "storage/database.hpp"

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

    // Throws ValidationError when the label breaks the rules.
    Client create(const NewClient &request);
    std::vector<Client> list();
    // The System › API connections grid: every client with its connection,
    // by label (case-insensitive) then id; `search` filters labels.
    std::vector<std::pair<Client, std::optional<Connection>>> api_connections(const std::string &search);
    std::optional<Client> find(std::string_view public_id);
    // Deletes the client, its tokens and its connection; NotFoundError if gone.
    Client revoke(std::string_view public_id, const std::string &not_found_message);
    // New secret, tokens deleted; NotFoundError if gone.
    Client regenerate_secret(std::string_view public_id, const std::string &not_found_message);
    // Allows or denies token introspection (RFC 7662); NotFoundError if gone.
    Client set_introspection(std::string_view public_id, bool allowed, const std::string &not_found_message);

private:
    Database &db_;
    const KeyRing &keys_;
};

}  // namespace pim
