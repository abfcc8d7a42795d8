// connection.create, connection.regenerate_secret,
// connection.regenerate_password: the one-step connections of
// pim:connection:create for the admin console's Connections page (issue 12).
// Generated secrets and passwords are returned once and stored only
// encrypted (secret) or hashed (password).
#include "hooks/hooks.hpp"

#include "app/client_service.hpp"
#include "app/connection_service.hpp"
#include "app/user_service.hpp"
#include "domain/duration.hpp"
#include "domain/random.hpp"

#include <boost/json.hpp>

namespace pim {

HookResponse connection_create(HookContext &context) {
    ConnectionRequest request;
    const auto code = context.request.string("code", true);
    request.label = context.request.string("label", false);
    const auto flow_type = context.request.string("flow_type", false);
    context.request.finish_decoding();
    request.code = *code;
    request.flow_type = flow_type.value_or("other");
    const auto created =
        ConnectionService(context.db(), context.app.keys(), context.app.settings().password).create(request);
    return {201, boost::json::object{{"code", created.connection.code},
                                     {"label", created.connection.label},
                                     {"flow_type", created.connection.flow_type},
                                     {"client_id", created.client.public_id()},
                                     {"secret", created.client.secret},
                                     {"username", created.username},
                                     {"password", created.password},
                                     {"role", created.role_code},
                                     {"role_has_overall_access", created.role_has_overall_access}}};
}

HookResponse connection_regenerate_secret(HookContext &context) {
    const auto client_id = context.request.string("client_id", true);
    // Ours (docs/connection-monitoring.md): "7d", "12h"... keeps the old secret valid that long.
    const auto keep_previous_for = context.request.string("keep_previous_for", false);
    context.request.finish_decoding();
    const std::string not_found = "Client with public id " + *client_id + " does not exist.";
    ClientService clients(context.db(), context.app.settings());
    if (!keep_previous_for) {
        const Client client = clients.regenerate_secret(*client_id, not_found);
        return {200, boost::json::object{{"client_id", client.public_id()}, {"secret", client.secret}}};
    }
    const auto seconds = parse_duration(*keep_previous_for);
    if (!seconds)
        throw ValidationError(
            {Violation{"keep_previous_for", "expected " + std::string(duration_format_hint) + ".", false}});
    const Client client = clients.rotate_secret(*client_id, *seconds, not_found);
    return {200, boost::json::object{{"client_id", client.public_id()},
                                     {"secret", client.secret},
                                     {"previous_secret_valid_until", client.previous_secret_expires_at}}};
}

// As reference 4.x "regenerate password": a new random password; every
// token of the user is revoked (user.update with a password does that).
HookResponse connection_regenerate_password(HookContext &context) {
    const auto username = context.request.string("username", true);
    context.request.finish_decoding();
    UserChanges changes;
    changes.password = random_alphanumeric(24);
    const User user = UserService(context.db(), context.app.settings()).update(*username, changes);
    return {200, boost::json::object{{"username", user.username}, {"password", *changes.password}}};
}

}  // namespace pim
