#include "app/json_views.hpp"

#include "domain/duration.hpp"

#include <boost/json.hpp>

namespace pim {
namespace {

boost::json::array string_array(const std::vector<std::string> &values) {
    boost::json::array array;
    for (const auto &value : values) array.emplace_back(value);
    return array;
}

}  // namespace

boost::json::value timestamp_json(const std::optional<std::int64_t> &unix_seconds) {
    if (!unix_seconds) return nullptr;
    return boost::json::value(utc_timestamp(*unix_seconds));
}

boost::json::object client_json(const Client &client) {
    boost::json::array grant_types;
    for (const auto type : client.grant_types) grant_types.emplace_back(to_string(type));
    return {{"client_id", client.public_id()},
            {"secret", client.secret},
            {"label", client.label},
            {"allowed_grant_types", grant_types},
            {"redirect_uris", string_array(client.redirect_uris)}};
}

boost::json::object api_connection_json(const Client &client, const std::optional<Connection> &connection) {
    boost::json::value connection_value = nullptr;
    if (connection) {
        boost::json::value username = nullptr;
        if (connection->username) username = *connection->username;
        connection_value = boost::json::object{
            {"code", connection->code}, {"flow_type", connection->flow_type}, {"username", username}};
    }
    return {{"client_id", client.public_id()},
            {"secret", client.secret},
            {"label", client.label},
            {"connection", connection_value}};
}

boost::json::object user_json(const User &user) {
    return {{"username", user.username},
            {"email", user.email},
            {"first_name", user.first_name},
            {"last_name", user.last_name},
            {"ui_locale", user.ui_locale},
            {"enabled", user.enabled},
            {"type", user.type},
            {"roles", string_array(user.roles)}};
}

boost::json::object role_json(const Role &role) {
    return {{"code", role.code},
            {"label", role.label},
            {"permissions", string_array(role.permissions)},
            {"users", string_array(role.users)}};
}

boost::json::object permission_json(const Permission &permission) {
    return {{"id", permission.id}, {"label", permission.label}, {"group", permission.group}};
}

}  // namespace pim
