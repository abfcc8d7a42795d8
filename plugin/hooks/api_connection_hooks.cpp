// api_connection.create, api_connection.list, api_connection.revoke
// (admin-hooks.md §3.10–3.12); api_connection.set_introspection
// (docs/revocation-and-introspection.md §3).
#include "hooks/hooks.hpp"

#include "app/client_service.hpp"
#include "app/json_views.hpp"

#include <boost/json.hpp>

namespace pim {
namespace {

ClientService clients(HookContext &context) {
    return ClientService(context.db(), context.app.settings());
}

}  // namespace

HookResponse api_connection_create(HookContext &context) {
    const auto label = context.request.string("label", true);
    context.request.finish_decoding();
    NewClient request;
    request.label = *label;  // grant types password and refresh_token, no redirect URI
    return {201, api_connection_json(clients(context).create(request), std::nullopt)};
}

HookResponse api_connection_list(HookContext &context) {
    const auto search = context.request.string("search", false);
    context.request.finish_decoding();
    boost::json::array rows;
    for (const auto &[client, connection] : clients(context).api_connections(search.value_or("")))
        rows.push_back(api_connection_json(client, connection));
    const auto count = rows.size();
    return {200, boost::json::object{{"count", count}, {"api_connections", rows}}};
}

HookResponse api_connection_revoke(HookContext &context) {
    const auto client_id = context.request.string("client_id", true);
    context.request.finish_decoding();
    clients(context).revoke(*client_id, "Client with public id " + *client_id + " does not exist.");
    return {204, nullptr};
}

HookResponse api_connection_set_introspection(HookContext &context) {
    const auto client_id = context.request.string("client_id", true);
    const auto allowed = context.request.boolean("introspect", true);
    context.request.finish_decoding();
    const Client client = clients(context).set_introspection(
        *client_id, *allowed, "Client with public id " + *client_id + " does not exist.");
    return {200, boost::json::object{{"client_id", client.public_id()}, {"introspect", client.introspect}}};
}

}  // namespace pim
