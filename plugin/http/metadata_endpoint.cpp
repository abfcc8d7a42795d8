#include "http/metadata_endpoint.hpp"

#include "http/introspection_endpoint.hpp"
#include "http/revocation_endpoint.hpp"
#include "http/token_endpoint.hpp"

#include <boost/json.hpp>

namespace pim {

HttpResponse handle_metadata_request(const pim_http_request &request, const Settings &settings) {
    const std::string_view method = view(request.method);
    if (method != "GET" && method != "HEAD") {
        HttpResponse response =
            json_message(405, "No route found for \"" + std::string(method) + " " + metadata_path +
                                  "\": Method Not Allowed (Allow: GET, HEAD)");
        response.headers.emplace_back("Allow", "GET, HEAD");
        return response;
    }
    const std::string &issuer = settings.oauth.issuer;
    if (issuer.empty())
        return json_message(404, "No authorization server metadata: oauth.issuer is not configured.");
    // Only what is true of this server: no authorization endpoint, no scopes,
    // no redirect-based grant; secrets by Basic or in the body.
    const boost::json::array auth_methods{"client_secret_basic", "client_secret_post"};
    const boost::json::object body{
        {"issuer", issuer},
        {"token_endpoint", issuer + token_path},
        {"token_endpoint_auth_methods_supported", auth_methods},
        {"grant_types_supported", {"password", "refresh_token", "client_credentials"}},
        {"response_types_supported", boost::json::array()},
        {"revocation_endpoint", issuer + revocation_path},
        {"revocation_endpoint_auth_methods_supported", auth_methods},
        {"introspection_endpoint", issuer + introspection_path},
        {"introspection_endpoint_auth_methods_supported", auth_methods},
    };
    HttpResponse response = json_response(200, body);
    response.headers.emplace_back("Cache-Control", "public, max-age=3600");
    return response;
}

}  // namespace pim
