#include "commands/commands.hpp"

namespace pim {

std::vector<std::unique_ptr<Command>> make_commands() {
    std::vector<std::unique_ptr<Command>> commands;
    commands.push_back(make_create_client());
    commands.push_back(make_list_clients());
    commands.push_back(make_revoke_client());
    commands.push_back(make_db_migrate());
    return commands;
}

}  // namespace pim
