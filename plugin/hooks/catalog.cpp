#include "hooks/hooks.hpp"

namespace pim {

const std::vector<AdminHook> &admin_hooks() {
    static const std::vector<AdminHook> hooks = {
        {"acl.list", "Lists the Web API permissions", acl_list},
        {"role.create", "Creates a role with Web API permissions and holders", role_create},
        {"role.list", "Lists the roles", role_list},
        {"role.update", "Changes a role's label, permissions or holders", role_update},
        {"role.delete", "Deletes a role", role_delete},
        {"user.create", "Creates a user", user_create},
        {"user.list", "Lists the users", user_list},
        {"user.update", "Changes a user (a new password revokes its tokens)", user_update},
        {"user.delete", "Deletes a user and its tokens", user_delete},
        {"api_connection.create", "Creates an API connection (client id and secret)", api_connection_create},
        {"api_connection.list", "Lists the API connections with their credentials", api_connection_list},
        {"api_connection.revoke", "Revokes an API connection and its tokens", api_connection_revoke},
        {"api_connection.set_introspection", "Allows or denies token introspection (RFC 7662) to a client",
         api_connection_set_introspection},
        {"connection.create", "Creates a connection: an API user, its role and a client (secrets shown once)",
         connection_create},
        {"connection.regenerate_secret", "Gives a client a new secret", connection_regenerate_secret},
        {"connection.regenerate_password", "Gives a user a new random password and revokes its tokens",
         connection_regenerate_password},
        {"connection.audit", "A connection's last use, calls per hour and day, and security events",
         connection_audit},
        {"api_connection.audit", "A client's last use, calls per hour and day, and security events",
         api_connection_audit},
    };
    return hooks;
}

}  // namespace pim
