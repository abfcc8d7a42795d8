#include "storage/client_row.hpp"

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

}  // namespace pim
