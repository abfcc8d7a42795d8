// The JSON shapes of clients, users, roles and permissions, shared by the
// admin hooks and the commands' --format=json.
#pragma once

#include "domain/client.hpp"
#include "domain/connection.hpp"
#include "domain/permissions.hpp"
#include "domain/role.hpp"
#include "domain/user.hpp"

#include <boost/json/object.hpp>

#include <optional>

namespace pim {

boost::json::object client_json(const Client &client);
// "2026-12-02T08:15:14Z", or null.
boost::json::value timestamp_json(const std::optional<std::int64_t> &unix_seconds);
// An API connection grid row: client id, secret, label, connection or null.
boost::json::object api_connection_json(const Client &client, const std::optional<Connection> &connection);
boost::json::object user_json(const User &user);  // never a password or hash
boost::json::object role_json(const Role &role);
boost::json::object permission_json(const Permission &permission);

}  // namespace pim
