#include "app/client_service.hpp"

#include "domain/random.hpp"
#include "domain/text.hpp"
#include "storage/client_repository.hpp"
#include "storage/connection_repository.hpp"

#include <algorithm>

namespace pim {

Client ClientService::create(const NewClient &request) {
    if (auto violations = label_violations(request.label, "label"); !violations.empty())
        throw ValidationError(std::move(violations));
    Client client;
    client.random_id = random_base36_id();
    client.secret = random_base36_id();
    client.label = request.label;
    client.grant_types = request.grant_types;
    client.redirect_uris = request.redirect_uris;
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

Client ClientService::revoke(std::string_view public_id, const std::string &not_found_message) {
    const auto id = parse_public_client_id(public_id);
    if (!id) throw NotFoundError(not_found_message);
    return with_storage_errors(db_, [&] {
        WriteTransaction transaction(db_);
        ClientRepository clients(db_, keys_);
        auto client = clients.find(*id);
        if (!client) throw NotFoundError(not_found_message);
        clients.remove(client->id);
        transaction.commit();
        return *client;
    });
}

Client ClientService::regenerate_secret(std::string_view public_id, const std::string &not_found_message) {
    const auto id = parse_public_client_id(public_id);
    if (!id) throw NotFoundError(not_found_message);
    return with_storage_errors(db_, [&] {
        WriteTransaction transaction(db_);
        ClientRepository clients(db_, keys_);
        auto client = clients.find(*id);
        if (!client) throw NotFoundError(not_found_message);
        client->secret = random_base36_id();
        clients.replace_secret(client->id, client->secret);
        transaction.commit();
        return *client;
    });
}

Client ClientService::set_introspection(std::string_view public_id, bool allowed,
                                        const std::string &not_found_message) {
    const auto id = parse_public_client_id(public_id);
    if (!id) throw NotFoundError(not_found_message);
    return with_storage_errors(db_, [&] {
        WriteTransaction transaction(db_);
        ClientRepository clients(db_, keys_);
        auto client = clients.find(*id);
        if (!client) throw NotFoundError(not_found_message);
        clients.set_introspect(client->id, allowed);
        client->introspect = allowed;
        transaction.commit();
        return *client;
    });
}

}  // namespace pim
