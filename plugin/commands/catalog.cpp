#include "commands/commands.hpp"

namespace pim {

std::vector<std::unique_ptr<Command>> make_commands() {
    std::vector<std::unique_ptr<Command>> commands;
    commands.push_back(make_create_client());
    commands.push_back(make_list_clients());
    commands.push_back(make_revoke_client());
    commands.push_back(make_regenerate_secret());
    commands.push_back(make_allow_introspection());
    commands.push_back(make_clean_tokens());
    commands.push_back(make_db_migrate());
    commands.push_back(make_connection_create());
    commands.push_back(make_user_create());
    commands.push_back(make_user_list());
    commands.push_back(make_user_add_role());
    commands.push_back(make_role_create());
    commands.push_back(make_role_list());
    commands.push_back(make_role_grant());
    commands.push_back(make_role_deny());
    commands.push_back(make_acl_list());
    commands.push_back(make_rotate_secret_key());
    commands.push_back(make_client_audit());
    commands.push_back(make_connection_audit());
    return commands;
}

}  // namespace pim
