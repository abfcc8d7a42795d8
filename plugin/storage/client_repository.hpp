// SQL for OAuth clients. The secret is encrypted on the way in and decrypted
// on the way out; callers own transactions.
#pragma once

#include "domain/client.hpp"
#include "domain/key_ring.hpp"
#include "storage/database.hpp"

#include <optional>
#include <vector>

namespace pim {

class ClientRepository {
public:
    ClientRepository(Database &db, const KeyRing &keys) : db_(db), keys_(keys) {}

    // Inserts `client` (id ignored; created_at 0: now) and returns its new id.
    std::int64_t insert(const Client &client);
    std::vector<Client> list_by_id();
    // What list-clients' table shows, by id: four columns, where list_by_id
    // reads eleven and parses two (a cold command's largest cost).
    std::vector<ClientListing> listing();
    std::optional<Client> find(const PublicClientId &id);
    // Deletes the client with its tokens and connection record.
    void remove(std::int64_t id);
    // Stores a new secret and deletes the client's tokens (and any previous secret).
    void replace_secret(std::int64_t id, const std::string &secret);
    // Stores a new secret; the current one stays valid until `previous_expires_at`
    // as the previous secret, and the tokens stay.
    void rotate_secret(std::int64_t id, const std::string &secret, std::int64_t previous_expires_at);
    // Clients neither used nor created since `cutoff` (unix seconds), by id.
    std::vector<Client> unused_since(std::int64_t cutoff);
    std::optional<Client> find_by_row_id(std::int64_t id);

    // Whether the client may introspect tokens.
    void set_introspect(std::int64_t id, bool allowed);

    // Key rotation: the stored (encrypted) secrets as they are.
    std::vector<std::pair<std::int64_t, std::string>> secret_boxes();
    void set_secret_box(std::int64_t id, const std::string &box);

private:
    void delete_tokens(std::int64_t id);

    Database &db_;
    const KeyRing &keys_;
};

}  // namespace pim
