#include "commands/client_json.hpp"

#include <boost/json.hpp>

namespace pim {

boost::json::object client_json(const Client &client) {
    boost::json::array grant_types;
    for (const auto type : client.grant_types) grant_types.emplace_back(to_string(type));
    boost::json::array redirect_uris;
    for (const auto &uri : client.redirect_uris) redirect_uris.emplace_back(uri);
    return {{"client_id", client.public_id()},
            {"secret", client.secret},
            {"label", client.label},
            {"allowed_grant_types", grant_types},
            {"redirect_uris", redirect_uris}};
}

}  // namespace pim
