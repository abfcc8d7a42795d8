#include "storage/client_row.hpp"

#include "storage/sqlite_columns.hpp"
#include "storage/sqlite_statement.hpp"

#include <boost/json.hpp>

namespace pim {
namespace {

std::vector<std::string> from_json_array(const std::string &text) {
    std::vector<std::string> values;
    if (text == "[]") return values;  // most clients: no parser for it
    const boost::json::value document = boost::json::parse(text);
    for (const auto &value : document.as_array()) values.emplace_back(value.as_string().c_str());
    return values;
}

}  // namespace

Client to_client(const ClientRow &row, const KeyRing &keys) {
    Client client;
    client.id = row.id;
    client.random_id = row.random_id;
    client.secret = keys.decrypt(row.secret_box);
    client.label = row.label;
    client.grant_types = split_grant_types(row.grant_types);
    client.redirect_uris = from_json_array(row.redirect_uris);
    client.created_at = row.created_at;
    client.introspect = row.introspect != 0;
    if (row.last_used_indicator == soci::i_ok) client.last_used_at = row.last_used_at;
    if (row.previous_indicator == soci::i_ok && row.previous_expires_indicator == soci::i_ok) {
        client.previous_secret = keys.decrypt(row.previous_box);
        client.previous_secret_expires_at = row.previous_expires_at;
    }
    return client;
}

namespace {

using namespace sqlite_api;  // NOLINT(google-build-using-namespace): SOCI's wrapping of sqlite3.h

soci::indicator indicator_of(sqlite3_stmt *statement, int column) {
    return sqlite3_column_type(statement, column) == SQLITE_NULL ? soci::i_null : soci::i_ok;
}

}  // namespace

void read_client_row(sqlite3_stmt *statement, ClientRow &row) {
    row.id = sqlite3_column_int64(statement, 0);
    assign_column_text(statement, 1, row.random_id);
    assign_column_text(statement, 2, row.secret_box);
    assign_column_text(statement, 3, row.label);
    assign_column_text(statement, 4, row.grant_types);
    assign_column_text(statement, 5, row.redirect_uris);
    row.created_at = sqlite3_column_int64(statement, 6);
    row.introspect = sqlite3_column_int(statement, 7);
    row.last_used_indicator = indicator_of(statement, 8);
    row.last_used_at = sqlite3_column_int64(statement, 8);
    row.previous_indicator = indicator_of(statement, 9);
    assign_column_text(statement, 9, row.previous_box);
    row.previous_expires_indicator = indicator_of(statement, 10);
    row.previous_expires_at = sqlite3_column_int64(statement, 10);
}

namespace {

// Steps `sql` (no parameters) on SOCI's connection, handing each row to `read`.
template <typename ReadRow>
void for_each_row(Database &db, const char *sql, ReadRow read) {
    const SqliteStatement statement(db, sql);
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW) read(statement.get());
    statement.check(rc);
}

}  // namespace

std::vector<Client> read_clients_sqlite(Database &db, const std::string &sql, const KeyRing &keys) {
    std::vector<Client> clients;
    ClientRow row;
    for_each_row(db, sql.c_str(), [&](sqlite3_stmt *statement) {
        read_client_row(statement, row);
        clients.push_back(to_client(row, keys));
    });
    return clients;
}

std::vector<ClientListing> read_client_listings_sqlite(Database &db, const KeyRing &keys) {
    std::vector<ClientListing> clients;
    std::string box;
    for_each_row(db, client_listing_select, [&](sqlite3_stmt *statement) {
        ClientListing &client = clients.emplace_back();
        client.id = sqlite3_column_int64(statement, 0);
        assign_column_text(statement, 1, client.random_id);
        assign_column_text(statement, 2, box);
        client.secret = keys.decrypt(box);
        assign_column_text(statement, 3, client.label);
    });
    return clients;
}

}  // namespace pim
