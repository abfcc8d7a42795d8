// Use cases on roles and their Web API permissions, each in one transaction.
#pragma once

#include "domain/role.hpp"
#include "storage/database.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pim {

struct RoleChanges {
    std::optional<std::string> label;
    std::optional<std::vector<std::string>> permissions;
    std::optional<std::vector<std::string>> users;
};

// One line of pim:role:grant / pim:role:deny: the id and whether it changed.
using PermissionChanges = std::vector<std::pair<std::string, bool>>;

class RoleService {
public:
    explicit RoleService(Database &db) : db_(db) {}

    Role create(const std::string &label, const std::vector<std::string> &permissions,
                const std::vector<std::string> &users);
    // NotFoundError("Role with code … does not exist.") or ValidationError.
    Role update(const std::string &code, const RoleChanges &changes);
    void remove(const std::string &code);
    std::vector<Role> list();
    bool exists(const std::string &code);
    // Console rule: a code (case-insensitive), else a label (case-insensitive);
    // NotFoundError("Role \"…\" does not exist.").
    Role resolve(const std::string &code_or_label);
    std::pair<Role, PermissionChanges> grant(const std::string &role,
                                             const std::vector<std::string> &permissions);
    std::pair<Role, PermissionChanges> deny(const std::string &role,
                                            const std::vector<std::string> &permissions);

private:
    std::pair<Role, PermissionChanges> change(const std::string &role,
                                              const std::vector<std::string> &permissions, bool granting);
    Database &db_;
};

// Shared by services: resolves a role argument inside a transaction.
std::optional<Role> resolve_role(Database &db, const std::string &code_or_label);

}  // namespace pim
