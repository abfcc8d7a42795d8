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

}  // namespace pim
