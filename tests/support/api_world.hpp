// A sandbox with an API user, a role with overall access, a client and a
// running `pim-host serve`: the seed's end state, ready for HTTP tests.
#pragma once

#include "support/http_client.hpp"
#include "support/sandbox.hpp"
#include "support/server_process.hpp"

#include <boost/json.hpp>

#include <memory>
#include <string>

namespace pim::test {

struct ClientCredentialsPair {
    std::string id;
    std::string secret;
};

class ApiWorld {
public:
    // `extra_yaml` is appended to the sandbox's dev.yaml (e.g. an oauth: section).
    explicit ApiWorld(const std::string &extra_yaml = "");

    Sandbox sandbox;
    ClientCredentialsPair client;
    const std::string username = "myERPuser";
    const std::string password = "myERPuserPassword";

    // pim-host <args...>, which must succeed; returns stdout.
    std::string host(const std::vector<std::string> &args) const;
    ClientCredentialsPair create_client(const std::string &label,
                                        const std::vector<std::string> &grant_types = {}) const;

    [[nodiscard]] unsigned short port() const { return server->port(); }
    HttpReply post_token(const std::string &json_body, const Headers &headers = {}) const;
    HttpReply post_form(const std::string &form_body, const Headers &headers = {}) const;
    // A password grant for the default user and client; returns the token document.
    boost::json::object password_grant() const;
    HttpReply refresh(const std::string &refresh_token, const ClientCredentialsPair &with) const;
    HttpReply get(const std::string &target, const std::string &access_token,
                  const Headers &headers = {}) const;

    std::unique_ptr<ServerProcess> server;
};

std::string basic(const ClientCredentialsPair &client);

}  // namespace pim::test
