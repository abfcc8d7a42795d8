#include "support/api_world.hpp"

#include <stdexcept>

namespace pim::test {

std::string basic(const ClientCredentialsPair &client) {
    return "Basic " + base64(client.id + ":" + client.secret);
}

ApiWorld::ApiWorld(const std::string &extra_yaml) {
    sandbox.write_config("dev", sandbox_dev_yaml() + extra_yaml);
    host({"pim:user:create", username, password, "myerpuser@example.com", "My", "ERPuser", "en_US", "-n"});
    host({"pim:role:create", "My ERP connector role"});
    host({"pim:role:grant", "ROLE_MY_ERP_CONNECTOR_ROLE", "pim_api_overall_access", "pim_api_currency_list"});
    host({"pim:user:add-role", username, "ROLE_MY_ERP_CONNECTOR_ROLE"});
    client = create_client("ERP connection");
    server = std::make_unique<ServerProcess>(sandbox);
}

std::string ApiWorld::host(const std::vector<std::string> &args) const {
    const auto result = sandbox.run(args);
    if (result.exit_code != 0)
        throw std::runtime_error("pim-host " + args.front() + " failed: " + result.err + result.out);
    return result.out;
}

ClientCredentialsPair ApiWorld::create_client(const std::string &label,
                                              const std::vector<std::string> &grant_types) const {
    std::vector<std::string> args{"pim:oauth-server:create-client", label, "--format=json"};
    for (const auto &type : grant_types) args.push_back("--grant_type=" + type);
    const auto json = boost::json::parse(host(args)).as_object();
    return {std::string(json.at("client_id").as_string()), std::string(json.at("secret").as_string())};
}

HttpReply ApiWorld::post_token(const std::string &json_body, const Headers &headers) const {
    Headers all{{"Content-Type", "application/json"}};
    all.insert(all.end(), headers.begin(), headers.end());
    return http_request(port(), "POST", "/api/oauth/v1/token", all, json_body);
}

HttpReply ApiWorld::post_form(const std::string &form_body, const Headers &headers) const {
    Headers all{{"Content-Type", "application/x-www-form-urlencoded"}};
    all.insert(all.end(), headers.begin(), headers.end());
    return http_request(port(), "POST", "/api/oauth/v1/token", all, form_body);
}

boost::json::object ApiWorld::password_grant() const {
    const auto reply = post_token(
        R"({"grant_type":"password","username":")" + username + R"(","password":")" + password + "\"}",
        {{"Authorization", basic(client)}});
    if (reply.status != 200) throw std::runtime_error("password grant failed: " + reply.body);
    return boost::json::parse(reply.body).as_object();
}

HttpReply ApiWorld::refresh(const std::string &refresh_token, const ClientCredentialsPair &with) const {
    return post_token(R"({"grant_type":"refresh_token","refresh_token":")" + refresh_token + "\"}",
                      {{"Authorization", basic(with)}});
}

HttpReply ApiWorld::get(const std::string &target, const std::string &access_token,
                        const Headers &headers) const {
    Headers all{{"Authorization", "Bearer " + access_token}};
    all.insert(all.end(), headers.begin(), headers.end());
    return http_request(port(), "GET", target, all);
}

}  // namespace pim::test
