#include "storage/client_repository.hpp"

#include "storage/client_row.hpp"

#include "domain/text.hpp"

#include <boost/json.hpp>

#include <ctime>

namespace pim {
namespace {

std::string to_json_array(const std::vector<std::string> &values) {
    boost::json::array array;
    for (const auto &value : values) array.emplace_back(value);
    return boost::json::serialize(array);
}

}  // namespace

std::int64_t ClientRepository::insert(const Client &client) {
    const std::string secret_box = keys_.encrypt(client.secret);
    const std::string grant_types = join_grant_types(client.grant_types);
    const std::string redirect_uris = to_json_array(client.redirect_uris);
    const auto now = client.created_at != 0 ? static_cast<long long>(client.created_at)
                                            : static_cast<long long>(std::time(nullptr));
    long long id = 0;
    db_.sql() << "INSERT INTO pim_api_client (random_id, secret_box, label, allowed_grant_types, "
                 "redirect_uris, created_at) VALUES (:r, :s, :l, :g, :u, :t) RETURNING id",
        soci::use(client.random_id), soci::use(secret_box), soci::use(client.label), soci::use(grant_types),
        soci::use(redirect_uris), soci::use(now), soci::into(id);
    return id;
}

std::vector<Client> ClientRepository::list_by_id() {
    const std::string sql = std::string(client_select_columns) + "ORDER BY id";
    if (db_.backend() == Backend::sqlite3) return read_clients_sqlite(db_, sql, keys_);
    std::vector<Client> clients;
    ClientRow row;
    soci::statement st = (db_.sql().prepare << sql, soci::into(row.id), soci::into(row.random_id),
                          soci::into(row.secret_box), soci::into(row.label), soci::into(row.grant_types),
                          soci::into(row.redirect_uris), soci::into(row.created_at),
                          soci::into(row.introspect), soci::into(row.last_used_at, row.last_used_indicator),
                          soci::into(row.previous_box, row.previous_indicator),
                          soci::into(row.previous_expires_at, row.previous_expires_indicator));
    st.execute();
    while (st.fetch()) clients.push_back(to_client(row, keys_));
    return clients;
}

std::vector<ClientListing> ClientRepository::listing() {
    if (db_.backend() == Backend::sqlite3) return read_client_listings_sqlite(db_, keys_);
    std::vector<ClientListing> clients;
    long long id = 0;
    std::string random_id, box, label;
    soci::statement st = (db_.sql().prepare << client_listing_select, soci::into(id), soci::into(random_id),
                          soci::into(box), soci::into(label));
    st.execute();
    while (st.fetch()) clients.push_back({id, random_id, keys_.decrypt(box), label});
    return clients;
}

std::optional<Client> ClientRepository::find(const PublicClientId &id) {
    // Not UTF-8: matches nothing stored, and PostgreSQL would refuse it.
    if (!utf8_length(id.random_id)) return std::nullopt;
    ClientRow row;
    const long long wanted = id.id;
    db_.sql() << std::string(client_select_columns) + "WHERE id = :id AND random_id = :r", soci::use(wanted),
        soci::use(id.random_id), soci::into(row.id), soci::into(row.random_id), soci::into(row.secret_box),
        soci::into(row.label), soci::into(row.grant_types), soci::into(row.redirect_uris),
        soci::into(row.created_at), soci::into(row.introspect),
        soci::into(row.last_used_at, row.last_used_indicator),
        soci::into(row.previous_box, row.previous_indicator),
        soci::into(row.previous_expires_at, row.previous_expires_indicator);
    if (!db_.sql().got_data()) return std::nullopt;
    return to_client(row, keys_);
}

void ClientRepository::set_introspect(std::int64_t id, bool allowed) {
    const long long client_id = id;
    const int flag = allowed ? 1 : 0;
    db_.sql() << "UPDATE pim_api_client SET introspect = :f WHERE id = :id", soci::use(flag),
        soci::use(client_id);
}

void ClientRepository::delete_tokens(std::int64_t id) {
    const long long client_id = id;
    // Explicit deletes: correctness must not depend on ON DELETE CASCADE.
    db_.sql() << "DELETE FROM pim_api_access_token WHERE client_id = :id", soci::use(client_id);
    db_.sql() << "DELETE FROM pim_api_refresh_token WHERE client_id = :id", soci::use(client_id);
}

void ClientRepository::remove(std::int64_t id) {
    const long long client_id = id;
    delete_tokens(id);
    db_.sql() << "DELETE FROM pim_api_connection WHERE client_id = :id", soci::use(client_id);
    db_.sql() << "DELETE FROM pim_api_client WHERE id = :id", soci::use(client_id);
}

void ClientRepository::replace_secret(std::int64_t id, const std::string &secret) {
    const long long client_id = id;
    const std::string secret_box = keys_.encrypt(secret);
    delete_tokens(id);
    db_.sql() << "UPDATE pim_api_client SET secret_box = :s, previous_secret_box = NULL, "
                 "previous_secret_expires_at = NULL WHERE id = :id",
        soci::use(secret_box), soci::use(client_id);
}

void ClientRepository::rotate_secret(std::int64_t id, const std::string &secret,
                                     std::int64_t previous_expires_at) {
    const long long client_id = id, until = previous_expires_at;
    const std::string secret_box = keys_.encrypt(secret);
    // The current box becomes the previous one in the same statement.
    db_.sql()
        << "UPDATE pim_api_client SET previous_secret_box = secret_box, previous_secret_expires_at = :u, "
           "secret_box = :s WHERE id = :id",
        soci::use(until), soci::use(secret_box), soci::use(client_id);
}

std::vector<Client> ClientRepository::unused_since(std::int64_t cutoff) {
    std::vector<Client> clients;
    ClientRow row;
    const long long before = cutoff;
    soci::statement st =
        (db_.sql().prepare << std::string(client_select_columns) +
                                  "WHERE COALESCE(last_used_at, created_at) < :c ORDER BY id",
         soci::use(before), soci::into(row.id), soci::into(row.random_id), soci::into(row.secret_box),
         soci::into(row.label), soci::into(row.grant_types), soci::into(row.redirect_uris),
         soci::into(row.created_at), soci::into(row.introspect),
         soci::into(row.last_used_at, row.last_used_indicator),
         soci::into(row.previous_box, row.previous_indicator),
         soci::into(row.previous_expires_at, row.previous_expires_indicator));
    st.execute();
    while (st.fetch()) clients.push_back(to_client(row, keys_));
    return clients;
}

std::optional<Client> ClientRepository::find_by_row_id(std::int64_t id) {
    ClientRow row;
    const long long wanted = id;
    db_.sql() << std::string(client_select_columns) + "WHERE id = :id", soci::use(wanted), soci::into(row.id),
        soci::into(row.random_id), soci::into(row.secret_box), soci::into(row.label),
        soci::into(row.grant_types), soci::into(row.redirect_uris), soci::into(row.created_at),
        soci::into(row.introspect), soci::into(row.last_used_at, row.last_used_indicator),
        soci::into(row.previous_box, row.previous_indicator),
        soci::into(row.previous_expires_at, row.previous_expires_indicator);
    if (!db_.sql().got_data()) return std::nullopt;
    return to_client(row, keys_);
}

std::vector<std::pair<std::int64_t, std::string>> ClientRepository::secret_boxes() {
    std::vector<std::pair<std::int64_t, std::string>> boxes;
    long long id = 0;
    std::string box;
    soci::statement st = (db_.sql().prepare << "SELECT id, secret_box FROM pim_api_client ORDER BY id",
                          soci::into(id), soci::into(box));
    st.execute();
    while (st.fetch()) boxes.emplace_back(id, box);
    return boxes;
}

void ClientRepository::set_secret_box(std::int64_t id, const std::string &box) {
    const long long client_id = id;
    db_.sql() << "UPDATE pim_api_client SET secret_box = :s WHERE id = :id", soci::use(box),
        soci::use(client_id);
}

}  // namespace pim
