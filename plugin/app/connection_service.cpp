#include "app/connection_service.hpp"

#include "app/role_service.hpp"
#include "domain/password_hasher.hpp"
#include "domain/permissions.hpp"
#include "domain/random.hpp"
#include "domain/role.hpp"
#include "domain/text.hpp"
#include "domain/user.hpp"
#include "storage/client_repository.hpp"
#include "storage/connection_repository.hpp"
#include "storage/role_repository.hpp"
#include "storage/user_repository.hpp"

#include <algorithm>

namespace pim {
namespace {

// The dedicated role of connections: overall access, created on first use.
Role connection_role(RoleRepository &roles) {
    if (auto role = roles.find_by_code(api_connection_role_code)) return *role;
    const auto id = roles.insert(std::string(api_connection_role_code), "API connection");
    roles.grant(id, std::string(overall_access));
    return *roles.find_by_code(api_connection_role_code);
}

// "{code}_{4 random digits}", redrawn while the name or its e-mail is taken.
std::string free_username(UserRepository &users, const std::string &code) {
    for (;;) {
        std::string username = code + "_" + random_digits(4);
        if (!users.login_owner(login_key(username)) &&
            !users.login_owner(login_key(username + "@example.com")))
            return username;
    }
}

}  // namespace

CreatedConnection ConnectionService::create(const ConnectionRequest &request) {
    CreatedConnection created;
    Connection &connection = created.connection;
    connection.code = request.code;
    connection.label = std::string(trim(request.label.value_or(request.code)));
    connection.flow_type = request.flow_type;
    connection.auditable = request.auditable;
    std::vector<Violation> violations;
    check_connection_code(connection.code, violations);
    check_connection_label(connection.label, violations);
    if (!is_flow_type(connection.flow_type))
        violations.push_back({"flow_type", "The value you selected is not a valid choice."});

    created.password = random_alphanumeric(24);
    const std::string hash =
        PasswordHasher(passwords_.argon2id_opslimit, passwords_.argon2id_memlimit_kib).hash(created.password);

    return with_storage_errors(db_, [&] {
        WriteTransaction transaction(db_);
        UserRepository users(db_);
        RoleRepository roles(db_);
        ConnectionRepository connections(db_);
        if (violations.empty() && connections.code_taken(connection.code))
            violations.push_back({"code", "This value is already used.", true});
        std::optional<Role> role;
        if (request.role) {
            role = resolve_role(db_, *request.role);
            if (!role) violations.push_back({"role", "Role \"" + *request.role + "\" does not exist."});
        }
        if (!violations.empty()) throw ValidationError(std::move(violations));
        if (!role) role = connection_role(roles);

        User user;
        user.username = free_username(users, connection.code);
        user.email = user.username + "@example.com";
        user.first_name = connection.label;
        user.last_name = connection.code;
        user.type = "api";
        const auto user_id = users.insert(user, hash);
        users.set_roles(user_id, {role->id});

        created.client.random_id = random_base36_id();
        created.client.secret = random_base36_id();
        created.client.label = connection.label;
        created.client.grant_types = {GrantType::password, GrantType::refresh_token};
        if (request.client_credentials) created.client.grant_types.push_back(GrantType::client_credentials);
        created.client.id = ClientRepository(db_, keys_).insert(created.client);

        connection.client_id = created.client.id;
        connection.user_id = user_id;
        connection.username = user.username;
        connections.insert(connection);
        transaction.commit();

        created.username = user.username;
        created.role_code = role->code;
        created.role_has_overall_access = std::find(role->permissions.begin(), role->permissions.end(),
                                                    overall_access) != role->permissions.end();
        return created;
    });
}

}  // namespace pim
