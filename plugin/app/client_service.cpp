#include "app/client_service.hpp"

#include "domain/random.hpp"
#include "storage/client_repository.hpp"

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

}  // namespace pim
