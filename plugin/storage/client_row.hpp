// A pim_api_client row as read by SOCI, and its conversion to a Client
// (secrets decrypted): shared by the repository and the token endpoint's
// prepared statements. Internal to storage/.
#pragma once

#include "domain/client.hpp"
#include "domain/key_ring.hpp"
#include "storage/database.hpp"

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>  // declares the SQLite C API in namespace sqlite_api

#include <string>

namespace pim {

struct ClientRow {
    long long id = 0;
    std::string random_id, secret_box, label, grant_types, redirect_uris;
    long long created_at = 0;
    int introspect = 0;
    long long last_used_at = 0, previous_expires_at = 0;
    std::string previous_box;
    soci::indicator last_used_indicator = soci::i_null, previous_indicator = soci::i_null,
                    previous_expires_indicator = soci::i_null;
};

inline constexpr const char *client_select_columns =
    "SELECT id, random_id, secret_box, label, allowed_grant_types, redirect_uris, created_at, introspect, "
    "last_used_at, previous_secret_box, previous_secret_expires_at FROM pim_api_client ";

Client to_client(const ClientRow &row, const KeyRing &keys);
// SQLite: the current row of a statement selecting client_select_columns.
void read_client_row(sqlite_api::sqlite3_stmt *statement, ClientRow &row);

// SQLite only: the clients of `sql` (client_select_columns and a suffix
// without parameters) read through the C API on SOCI's connection. SOCI's
// sqlite3 backend reads each column as text and converts it: a quarter of a
// cold list-clients' instructions with 1,000 clients.
std::vector<Client> read_clients_sqlite(Database &db, const std::string &sql, const KeyRing &keys);

// The columns list-clients' table shows, by id.
inline constexpr const char *client_listing_select =
    "SELECT id, random_id, secret_box, label FROM pim_api_client ORDER BY id";
std::vector<ClientListing> read_client_listings_sqlite(Database &db, const KeyRing &keys);

}  // namespace pim
