#include "storage/role_repository.hpp"

#include "domain/permissions.hpp"
#include "domain/text.hpp"
#include "domain/user.hpp"

#include <algorithm>
#include <map>

namespace pim {
namespace {

void sort_permissions(std::vector<std::string> &permissions) {
    std::sort(permissions.begin(), permissions.end(), [](const std::string &a, const std::string &b) {
        return permission_index(a).value_or(permission_catalogue.size()) <
               permission_index(b).value_or(permission_catalogue.size());
    });
}

void sort_usernames(std::vector<std::string> &usernames) {
    std::stable_sort(usernames.begin(), usernames.end(),
                     [](const std::string &a, const std::string &b) { return login_key(a) < login_key(b); });
}

}  // namespace

std::optional<Role> RoleRepository::find_by_code(std::string_view code) {
    Role role;
    long long id = 0;
    const std::string wanted = ascii_upper(code);
    if (!utf8_length(wanted)) return std::nullopt;  // matches nothing stored; PostgreSQL would refuse it
    db_.sql() << "SELECT id, code, label FROM pim_role WHERE code = :c", soci::use(wanted), soci::into(id),
        soci::into(role.code), soci::into(role.label);
    if (!db_.sql().got_data()) return std::nullopt;
    role.id = id;
    load_details(role);
    return role;
}

void RoleRepository::load_details(Role &role) {
    const long long id = role.id;
    std::string value;
    soci::statement permissions =
        (db_.sql().prepare << "SELECT permission FROM pim_role_permission WHERE role_id = :id", soci::use(id),
         soci::into(value));
    permissions.execute();
    while (permissions.fetch()) role.permissions.push_back(value);
    sort_permissions(role.permissions);
    soci::statement users =
        (db_.sql().prepare << "SELECT u.username FROM pim_user_role ur JOIN pim_user u ON u.id = ur.user_id "
                              "WHERE ur.role_id = :id",
         soci::use(id), soci::into(value));
    users.execute();
    while (users.fetch()) role.users.push_back(value);
    sort_usernames(role.users);
}

std::vector<Role> RoleRepository::list() {
    std::map<long long, Role> roles;
    {
        Role row;
        long long id = 0;
        soci::statement st = (db_.sql().prepare << "SELECT id, code, label FROM pim_role", soci::into(id),
                              soci::into(row.code), soci::into(row.label));
        st.execute();
        while (st.fetch()) {
            row.id = id;
            roles[id] = row;
        }
    }
    long long role_id = 0;
    std::string value;
    soci::statement permissions = (db_.sql().prepare << "SELECT role_id, permission FROM pim_role_permission",
                                   soci::into(role_id), soci::into(value));
    permissions.execute();
    while (permissions.fetch()) roles[role_id].permissions.push_back(value);
    soci::statement users = (db_.sql().prepare << "SELECT ur.role_id, u.username FROM pim_user_role ur "
                                                  "JOIN pim_user u ON u.id = ur.user_id",
                             soci::into(role_id), soci::into(value));
    users.execute();
    while (users.fetch()) roles[role_id].users.push_back(value);

    std::vector<Role> out;
    out.reserve(roles.size());
    for (auto &[id, role] : roles) {
        sort_permissions(role.permissions);
        sort_usernames(role.users);
        out.push_back(std::move(role));
    }
    std::stable_sort(out.begin(), out.end(), [](const Role &a, const Role &b) {
        const auto la = fold_case(a.label);
        const auto lb = fold_case(b.label);
        return la != lb ? la < lb : a.code < b.code;
    });
    return out;
}

std::int64_t RoleRepository::insert(const std::string &code, const std::string &label) {
    long long id = 0;
    db_.sql() << "INSERT INTO pim_role (code, label) VALUES (:c, :l) RETURNING id", soci::use(code),
        soci::use(label), soci::into(id);
    return id;
}

void RoleRepository::rename(std::int64_t id, const std::string &code, const std::string &label) {
    const long long role_id = id;
    db_.sql() << "UPDATE pim_role SET code = :c, label = :l WHERE id = :id", soci::use(code),
        soci::use(label), soci::use(role_id);
}

void RoleRepository::set_permissions(std::int64_t id, const std::vector<std::string> &permissions) {
    const long long role_id = id;
    db_.sql() << "DELETE FROM pim_role_permission WHERE role_id = :id", soci::use(role_id);
    for (const auto &permission : permissions) grant(id, permission);
}

void RoleRepository::grant(std::int64_t id, const std::string &permission) {
    const long long role_id = id;
    db_.sql() << "INSERT INTO pim_role_permission (role_id, permission) VALUES (:id, :p)", soci::use(role_id),
        soci::use(permission);
}

void RoleRepository::deny(std::int64_t id, const std::string &permission) {
    const long long role_id = id;
    db_.sql() << "DELETE FROM pim_role_permission WHERE role_id = :id AND permission = :p",
        soci::use(role_id), soci::use(permission);
}

void RoleRepository::set_holders(std::int64_t id, const std::vector<std::int64_t> &user_ids) {
    const long long role_id = id;
    db_.sql() << "DELETE FROM pim_user_role WHERE role_id = :id", soci::use(role_id);
    for (const auto user_id : user_ids) {
        const long long user = user_id;
        db_.sql() << "INSERT INTO pim_user_role (user_id, role_id) VALUES (:u, :r)", soci::use(user),
            soci::use(role_id);
    }
}

void RoleRepository::remove(std::int64_t id) {
    const long long role_id = id;
    db_.sql() << "DELETE FROM pim_role_permission WHERE role_id = :id", soci::use(role_id);
    db_.sql() << "DELETE FROM pim_user_role WHERE role_id = :id", soci::use(role_id);
    db_.sql() << "DELETE FROM pim_role WHERE id = :id", soci::use(role_id);
}

}  // namespace pim
