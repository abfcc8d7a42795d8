// Factories of the plugin's console commands (one file each).
#pragma once

#include "app/error_json.hpp"
#include "console/command.hpp"
#include "domain/errors.hpp"

#include <memory>

namespace pim {

std::unique_ptr<Command> make_create_client();
std::unique_ptr<Command> make_list_clients();
std::unique_ptr<Command> make_revoke_client();
std::unique_ptr<Command> make_db_migrate();
std::unique_ptr<Command> make_regenerate_secret();
std::unique_ptr<Command> make_allow_introspection();
std::unique_ptr<Command> make_connection_create();
std::unique_ptr<Command> make_user_create();
std::unique_ptr<Command> make_user_list();
std::unique_ptr<Command> make_user_add_role();
std::unique_ptr<Command> make_role_create();
std::unique_ptr<Command> make_role_list();
std::unique_ptr<Command> make_role_grant();
std::unique_ptr<Command> make_role_deny();
std::unique_ptr<Command> make_acl_list();
std::unique_ptr<Command> make_clean_tokens();
std::unique_ptr<Command> make_rotate_secret_key();
std::unique_ptr<Command> make_client_audit();
std::unique_ptr<Command> make_connection_audit();

}  // namespace pim
