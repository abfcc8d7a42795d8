#include "app/role_service.hpp"

#include "domain/client.hpp"
#include "domain/permissions.hpp"
#include "domain/text.hpp"
#include "storage/role_repository.hpp"
#include "storage/user_repository.hpp"

#include <algorithm>

namespace pim {
namespace {

std::vector<std::string> unique(const std::vector<std::string> &values) {
    std::vector<std::string> out;
    for (const auto &value : values)
        if (std::find(out.begin(), out.end(), value) == out.end()) out.push_back(value);
    return out;
}

void check_permissions(const std::vector<std::string> &permissions, std::vector<Violation> &out) {
    for (std::size_t i = 0; i < permissions.size(); ++i)
        if (!permission_index(permissions[i]))
            out.push_back({"permissions[" + std::to_string(i) + "]",
                           "Unknown Web API permission \"" + permissions[i] + "\"."});
}

// Usernames to ids; unknown ones become violations.
std::vector<std::int64_t> holder_ids(UserRepository &users, const std::vector<std::string> &usernames,
                                     std::vector<Violation> &out) {
    std::vector<std::int64_t> ids;
    for (std::size_t i = 0; i < usernames.size(); ++i) {
        const auto user = users.find_by_username(usernames[i]);
        if (!user)
            out.push_back(
                {"users[" + std::to_string(i) + "]", "User \"" + usernames[i] + "\" does not exist."});
        else if (std::find(ids.begin(), ids.end(), user->id) == ids.end())
            ids.push_back(user->id);
    }
    return ids;
}

void check_code_free(RoleRepository &roles, const std::string &code, std::int64_t except_id,
                     std::vector<Violation> &out) {
    const auto existing = roles.find_by_code(code);
    if (existing && existing->id != except_id)
        out.push_back({"label", "A role with code " + code + " already exists.", true});
}

NotFoundError role_not_found(const std::string &code) {
    return NotFoundError("Role with code " + code + " does not exist.");
}

}  // namespace

std::optional<Role> resolve_role(Database &db, const std::string &code_or_label) {
    RoleRepository roles(db);
    if (auto role = roles.find_by_code(code_or_label)) return role;
    const std::string folded = fold_case(code_or_label);
    for (auto &role : roles.list())
        if (fold_case(role.label) == folded) return role;
    return std::nullopt;
}

Role RoleService::create(const std::string &label, const std::vector<std::string> &permissions,
                         const std::vector<std::string> &users) {
    return with_storage_errors(db_, [&] {
        WriteTransaction transaction(db_);
        RoleRepository roles(db_);
        UserRepository user_repository(db_);
        std::vector<Violation> violations = label_violations(label, "label");
        const std::string code = derive_role_code(label);
        if (violations.empty()) check_code_free(roles, code, 0, violations);
        check_permissions(permissions, violations);
        const auto holders = holder_ids(user_repository, users, violations);
        if (!violations.empty()) throw ValidationError(std::move(violations));
        const auto id = roles.insert(code, label);
        roles.set_permissions(id, unique(permissions));
        roles.set_holders(id, holders);
        auto role = roles.find_by_code(code);
        transaction.commit();
        return *role;
    });
}

Role RoleService::update(const std::string &code, const RoleChanges &changes) {
    return with_storage_errors(db_, [&] {
        WriteTransaction transaction(db_);
        RoleRepository roles(db_);
        UserRepository user_repository(db_);
        auto role = roles.find_by_code(code);
        if (!role) throw role_not_found(code);
        std::vector<Violation> violations;
        std::string new_code = role->code;
        if (changes.label) {
            violations = label_violations(*changes.label, "label");
            new_code = derive_role_code(*changes.label);
            // Every new user receives ROLE_USER: its code must survive a relabel.
            if (violations.empty() && role->code == default_role_code && new_code != role->code)
                throw ConflictError("The default role " + std::string(default_role_code) +
                                    " cannot be renamed: its label must keep the code " +
                                    std::string(default_role_code) + ".");
            if (violations.empty()) check_code_free(roles, new_code, role->id, violations);
        }
        if (changes.permissions) check_permissions(*changes.permissions, violations);
        std::vector<std::int64_t> holders;
        if (changes.users) holders = holder_ids(user_repository, *changes.users, violations);
        if (!violations.empty()) throw ValidationError(std::move(violations));
        if (changes.label) roles.rename(role->id, new_code, *changes.label);
        if (changes.permissions) roles.set_permissions(role->id, unique(*changes.permissions));
        if (changes.users) roles.set_holders(role->id, holders);
        auto updated = roles.find_by_code(new_code);
        transaction.commit();
        return *updated;
    });
}

void RoleService::remove(const std::string &code) {
    with_storage_errors(db_, [&] {
        WriteTransaction transaction(db_);
        RoleRepository roles(db_);
        const auto role = roles.find_by_code(code);
        if (!role) throw role_not_found(code);
        if (role->code == default_role_code)
            throw ConflictError("The default role " + std::string(default_role_code) + " cannot be deleted.");
        roles.remove(role->id);
        transaction.commit();
    });
}

std::vector<Role> RoleService::list() {
    return with_storage_errors(db_, [&] { return RoleRepository(db_).list(); });
}

bool RoleService::exists(const std::string &code) {
    return with_storage_errors(db_, [&] { return RoleRepository(db_).find_by_code(code).has_value(); });
}

Role RoleService::resolve(const std::string &code_or_label) {
    return with_storage_errors(db_, [&] {
        auto role = resolve_role(db_, code_or_label);
        if (!role) throw NotFoundError("Role \"" + code_or_label + "\" does not exist.");
        return *role;
    });
}

std::pair<Role, PermissionChanges> RoleService::grant(const std::string &role,
                                                      const std::vector<std::string> &permissions) {
    return change(role, permissions, true);
}

std::pair<Role, PermissionChanges> RoleService::deny(const std::string &role,
                                                     const std::vector<std::string> &permissions) {
    return change(role, permissions, false);
}

std::pair<Role, PermissionChanges> RoleService::change(const std::string &role_argument,
                                                       const std::vector<std::string> &permissions,
                                                       bool granting) {
    for (const auto &permission : permissions)
        if (!permission_index(permission))
            throw InvalidInput("Unknown Web API permission \"" + permission +
                               "\". Run pim:acl:list to see the available ones.");
    return with_storage_errors(db_, [&] {
        WriteTransaction transaction(db_);
        auto role = resolve_role(db_, role_argument);
        if (!role) throw NotFoundError("Role \"" + role_argument + "\" does not exist.");
        RoleRepository roles(db_);
        PermissionChanges changes;
        std::vector<std::string> held = role->permissions;
        for (const auto &permission : permissions) {
            const bool has = std::find(held.begin(), held.end(), permission) != held.end();
            const bool changed = granting ? !has : has;
            if (changed && granting) {
                roles.grant(role->id, permission);
                held.push_back(permission);
            } else if (changed) {
                roles.deny(role->id, permission);
                held.erase(std::find(held.begin(), held.end(), permission));
            }
            changes.emplace_back(permission, changed);
        }
        auto updated = roles.find_by_code(role->code);
        transaction.commit();
        return std::make_pair(*updated, changes);
    });
}

}  // namespace pim
