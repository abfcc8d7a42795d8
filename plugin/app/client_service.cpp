#include "app/client_service.hpp"

#include "app/monitoring.hpp"
#include "domain/random.hpp"
#include "domain/text.hpp"
#include "storage/client_repository.hpp"
#include "storage/connection_repository.hpp"
#include "storage/security_event_repository.hpp"

#include <algorithm>
#include <ctime>

namespace pim {

std::int64_t ClientService::now() const {
    return settings_ != nullptr ? settings_->clock->now() : static_cast<std::int64_t>(std::time(nullptr));
}

// Inside the caller's transaction: the event stands or falls with the change.
void ClientService::record(const Client &client, SecurityEventType type) {
    if (settings_ == nullptr) return;
    SecurityEventRepository(db_).append(make_security_event(client.id, type, now(), "local", ""),
                                        settings_->monitoring.events_per_client);
}

Client ClientService::create(const NewClient &request) {
    if (auto violations = label_violations(request.label, "label"); !violations.empty())
        throw ValidationError(std::move(violations));
    Client client;
    client.random_id = random_base36_id();
    client.secret = random_base36_id();
    client.label = request.label;
    client.grant_types = request.grant_types;
    client.redirect_uris = request.redirect_uris;
    client.created_at = now();
    return with_storage_errors(db_, [&] {
        WriteTransaction transaction(db_);
        client.id = ClientRepository(db_, keys_).insert(client);
        transaction.commit();
        return client;
    });
}

std::vector<Client> ClientService::list() {
    return with_storage_errors(db_, [&] { return ClientRepository(db_, keys_).list_by_id(); });
}

std::vector<ClientListing> ClientService::listing() {
    return with_storage_errors(db_, [&] { return ClientRepository(db_, keys_).listing(); });
}

std::vector<std::pair<Client, std::optional<Connection>>> ClientService::api_connections(
    const std::string &search) {
    return with_storage_errors(db_, [&] {
        const auto connections = ConnectionRepository(db_).by_client_id();
        const std::string needle = fold_case(search);
        std::vector<std::pair<Client, std::optional<Connection>>> out;
        for (auto &client : ClientRepository(db_, keys_).list_by_id()) {
            if (!needle.empty() && fold_case(client.label).find(needle) == std::string::npos) continue;
            const auto found = connections.find(client.id);
            out.emplace_back(std::move(client),
                             found == connections.end() ? std::nullopt : std::optional(found->second));
        }
        std::stable_sort(out.begin(), out.end(), [](const auto &a, const auto &b) {
            return fold_case(a.first.label) < fold_case(b.first.label);
        });
        return out;
    });
}

std::optional<Client> ClientService::find(std::string_view public_id) {
    const auto id = parse_public_client_id(public_id);
    if (!id) return std::nullopt;
    return with_storage_errors(db_, [&] { return ClientRepository(db_, keys_).find(*id); });
}

// Parse the public id, then in one write transaction: find the client (or
// NotFoundError with `not_found_message`), apply `change`, commit.
Client ClientService::modify_client(std::string_view public_id, const std::string &not_found_message,
                                    const std::function<void(ClientRepository &, Client &)> &change) {
    const auto id = parse_public_client_id(public_id);
    if (!id) throw NotFoundError(not_found_message);
    return with_storage_errors(db_, [&] {
        WriteTransaction transaction(db_);
        ClientRepository clients(db_, keys_);
        auto client = clients.find(*id);
        if (!client) throw NotFoundError(not_found_message);
        change(clients, *client);
        transaction.commit();
        return *client;
    });
}

Client ClientService::revoke(std::string_view public_id, const std::string &not_found_message) {
    return modify_client(public_id, not_found_message, [this](ClientRepository &clients, Client &client) {
        clients.remove(client.id);
        record(client, SecurityEventType::client_revoked);
    });
}

Client ClientService::regenerate_secret(std::string_view public_id, const std::string &not_found_message) {
    return modify_client(public_id, not_found_message, [this](ClientRepository &clients, Client &client) {
        client.secret = random_base36_id();
        clients.replace_secret(client.id, client.secret);
        record(client, SecurityEventType::secret_regenerated);
    });
}

Client ClientService::rotate_secret(std::string_view public_id, std::int64_t keep_previous_for,
                                    const std::string &not_found_message) {
    return modify_client(
        public_id, not_found_message, [this, keep_previous_for](ClientRepository &clients, Client &client) {
            client.previous_secret = client.secret;
            client.previous_secret_expires_at = now() + keep_previous_for;
            client.secret = random_base36_id();
            clients.rotate_secret(client.id, client.secret, client.previous_secret_expires_at);
            record(client, SecurityEventType::secret_regenerated);
        });
}

std::vector<Client> ClientService::unused_for(std::int64_t seconds) {
    return with_storage_errors(db_,
                               [&] { return ClientRepository(db_, keys_).unused_since(now() - seconds); });
}

Client ClientService::set_introspection(std::string_view public_id, bool allowed,
                                        const std::string &not_found_message) {
    return modify_client(public_id, not_found_message, [allowed](ClientRepository &clients, Client &client) {
        clients.set_introspect(client.id, allowed);
        client.introspect = allowed;
    });
}

}  // namespace pim
