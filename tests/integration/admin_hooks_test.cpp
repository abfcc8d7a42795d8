// The admin hooks of admin-hooks.md through the built pim-host
// (`pim-host hook <name> '<json>'`): the seed's step 2 scripted as the admin
// UI would call it, every decoding and validation error with nothing
// written, updates and deletions, and no secret stored in clear.
#include "integration/admin_support.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <array>
#include <regex>

using namespace pim::test;

namespace {

const std::string my_erp_user_request =
    R"({"username":"myERPuser","password":"myERPuserPassword","email":"myerpuser@example.com","first_name":"My","last_name":"ERPuser"})";

std::string user_request(const std::string &username, const std::string &email,
                         const std::string &password = "aGoodPassword") {
    return boost::json::serialize(boost::json::object{{"username", username},
                                                      {"password", password},
                                                      {"email", email},
                                                      {"first_name", "First"},
                                                      {"last_name", "Last"}});
}

// A request of user.create with one field replaced (or added).
std::string user_with(const std::string &field, const boost::json::value &value) {
    auto request = boost::json::parse(user_request("newuser", "newuser@example.com")).as_object();
    request[field] = value;
    return boost::json::serialize(request);
}

std::string user_with(const std::string &field, const std::string &value) {
    return user_with(field, boost::json::value(boost::json::string_view(value)));
}

std::string user_with(const std::string &field, const char *value) {
    return user_with(field, std::string(value));
}

struct CreatedClient {
    std::string id;
    std::string secret;
    long long db_id = 0;
};

// api_connection.create {"label":…}: 201, the body of admin-hooks.md §3.10.
CreatedClient create_api_connection(const Sandbox &sandbox, const std::string &label) {
    const auto hook = call_hook(sandbox, "api_connection.create",
                                boost::json::serialize(boost::json::object{{"label", label}}));
    BOOST_TEST_REQUIRE(hook.exit_code == 0, hook.out << hook.err);
    BOOST_TEST(hook.err == "");
    BOOST_TEST_REQUIRE(hook.body.is_object(), hook.out);
    const auto &body = hook.body.as_object();
    BOOST_TEST_REQUIRE(body.size() == 4U, hook.out);
    const std::string id(body.at("client_id").as_string());
    const std::string secret(body.at("secret").as_string());
    BOOST_TEST(std::regex_match(id, public_id_pattern()), id);
    BOOST_TEST(std::regex_match(secret, secret_pattern()), secret);
    // Every other value, and the key order, exactly.
    BOOST_TEST(canonical_json(hook.out) ==
               canonical_json(R"({"client_id":)" + quoted(id) + R"(,"secret":)" + quoted(secret) +
                              R"(,"label":)" + quoted(label) + R"(,"connection":null})"));
    return {id, secret, std::stoll(id.substr(0, id.find('_')))};
}

std::string api_connection_object(const CreatedClient &client, const std::string &label,
                                  const std::string &connection = "null") {
    return R"({"client_id":)" + quoted(client.id) + R"(,"secret":)" + quoted(client.secret) + R"(,"label":)" +
           quoted(label) + R"(,"connection":)" + connection + "}";
}

std::string connection_list(const std::vector<std::string> &objects) {
    std::string out = R"({"count":)" + std::to_string(objects.size()) + R"(,"api_connections":[)";
    for (std::size_t i = 0; i < objects.size(); ++i) out += (i > 0 ? "," : "") + objects[i];
    return out + "]}";
}

const std::string all_permissions_json = [] {
    std::string out = "[";
    for (const auto &id : all_permission_ids()) out += (out.size() > 1 ? "," : "") + quoted(id);
    return out + "]";
}();

// The three fixture roles of permissions.md §3 in role.list order, with
// `before_user` (role objects, each followed by a comma) sorted between
// "Catalog manager" and "User".
std::string fixture_roles(const std::string &user_role_users = "[]", const std::string &before_user = "") {
    return R"({"code":"ROLE_ADMINISTRATOR","label":"Administrator","permissions":)" + all_permissions_json +
           R"(,"users":[]},{"code":"ROLE_CATALOG_MANAGER","label":"Catalog manager","permissions":)" +
           all_permissions_json + R"(,"users":[]},)" + before_user +
           R"({"code":"ROLE_USER","label":"User","permissions":[],"users":)" + user_role_users + "}";
}

// The public id of the connection made by pim:connection:create, and its user.
struct CreatedConnection {
    std::string client_id;
    std::string secret;
    std::string username;
    std::string password;
};

CreatedConnection create_connection(const Sandbox &sandbox, const std::string &code) {
    const auto result = sandbox.run({"pim:connection:create", code, "--format=json"});
    BOOST_TEST_REQUIRE(result.exit_code == 0, result.out << result.err);
    const auto json = boost::json::parse(result.out).as_object();
    return {std::string(json.at("client_id").as_string()), std::string(json.at("secret").as_string()),
            std::string(json.at("username").as_string()), std::string(json.at("password").as_string())};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(admin_hooks)

// The seed's "Step 2: generate your credentials", as the System menu calls it.
BOOST_AUTO_TEST_CASE(seed_step_2_through_the_hooks) {
    Sandbox sandbox;
    const std::string my_erp_user =
        user_object("myERPuser", "myerpuser@example.com", "My", "ERPuser", {"ROLE_USER"});

    // Create an API user: myERPuser / myERPuserPassword.
    expect_hook(sandbox, "user.create", my_erp_user_request, 0, my_erp_user);

    // Create an API user role: "My ERP connector role", no permission yet.
    expect_hook(sandbox, "role.create", R"({"label":"My ERP connector role"})", 0,
                role_object("ROLE_MY_ERP_CONNECTOR_ROLE", "My ERP connector role", {}, {}));

    // Web API permissions tab: Overall Web API access; Users tab: myERPuser; Save.
    expect_hook(
        sandbox, "role.update",
        R"({"code":"ROLE_MY_ERP_CONNECTOR_ROLE","permissions":["pim_api_overall_access"],"users":["myERPuser"]})",
        0,
        R"({"code":"ROLE_MY_ERP_CONNECTOR_ROLE","label":"My ERP connector role","permissions":["pim_api_overall_access"],"users":["myERPuser"]})");
    expect_hook(sandbox, "user.list", "{}", 0,
                R"({"users":[)" +
                    user_object("myERPuser", "myerpuser@example.com", "My", "ERPuser",
                                {"ROLE_MY_ERP_CONNECTOR_ROLE", "ROLE_USER"}) +
                    "]}");
    expect_hook(sandbox, "role.list", "{}", 0,
                R"({"roles":[)" +
                    fixture_roles(R"(["myERPuser"])",
                                  role_object("ROLE_MY_ERP_CONNECTOR_ROLE", "My ERP connector role",
                                              {"pim_api_overall_access"}, {"myERPuser"}) +
                                      ",") +
                    "]}");

    // System › API connections: empty, then Create with label ERP.
    expect_hook(sandbox, "api_connection.list", "{}", 0, R"({"count":0,"api_connections":[]})");
    const auto erp = create_api_connection(sandbox, "ERP");
    BOOST_TEST(erp.id.rfind("1_", 0) == 0U);
    BOOST_TEST(erp.secret != erp.id.substr(2));

    // Exactly what the reference stored: password and refresh_token, no redirect URI.
    const auto stored = sandbox.run({"pim:oauth-server:list-clients", "--format=json"});
    BOOST_TEST(canonical_json(stored.out) ==
               canonical_json(
                   R"({"clients":[{"client_id":)" + quoted(erp.id) + R"(,"secret":)" + quoted(erp.secret) +
                   R"(,"label":"ERP","allowed_grant_types":["password","refresh_token"],"redirect_uris":[],)"
                   R"("last_used_at":null}]})"));

    // "Your API connection appears in the API connections table".
    const std::string listed = connection_list({api_connection_object(erp, "ERP")});
    expect_hook(sandbox, "api_connection.list", "{}", 0, listed);
    expect_hook(sandbox, "api_connection.list", "", 0, listed);
    expect_hook(sandbox, "api_connection.list", R"({"search":"erp"})", 0, listed);
    expect_hook(sandbox, "api_connection.list", R"({"search":"eR"})", 0, listed);
    expect_hook(sandbox, "api_connection.list", R"({"search":"magento"})", 0,
                R"({"count":0,"api_connections":[]})");

    // Revoke: 204, nothing printed; the grid is empty again, the client is gone.
    expect_no_content(sandbox, "api_connection.revoke", R"({"client_id":)" + quoted(erp.id) + "}");
    expect_hook(sandbox, "api_connection.list", "{}", 0, R"({"count":0,"api_connections":[]})");
    expect_hook(sandbox, "api_connection.revoke", R"({"client_id":)" + quoted(erp.id) + "}", 1,
                error_body(404, "Client with public id " + erp.id + " does not exist."));
    const auto clients = sandbox.run({"pim:oauth-server:list-clients"});
    BOOST_TEST(clients.out == "No client is currently registered.\n");

    // The user and its role are untouched by the revocation; a new connection
    // can be created afterwards (the seed documentation's advice).
    expect_hook(sandbox, "user.list", "{}", 0,
                R"({"users":[)" +
                    user_object("myERPuser", "myerpuser@example.com", "My", "ERPuser",
                                {"ROLE_MY_ERP_CONNECTOR_ROLE", "ROLE_USER"}) +
                    "]}");
    const auto again = create_api_connection(sandbox, "ERP");
    BOOST_TEST(again.id.rfind("2_", 0) == 0U);
    BOOST_TEST(again.secret != erp.secret);
}

BOOST_AUTO_TEST_CASE(role_create_grants_and_assigns_in_one_call) {
    Sandbox sandbox;
    expect_hook(sandbox, "user.create", my_erp_user_request, 0,
                user_object("myERPuser", "myerpuser@example.com", "My", "ERPuser", {"ROLE_USER"}));
    const std::string request =
        R"({"label":"My ERP connector role","permissions":["pim_api_overall_access"],"users":["myERPuser"]})";
    // admin-hooks.md §3.2, the example body exactly.
    expect_hook(
        sandbox, "role.create", request, 0,
        R"({"code":"ROLE_MY_ERP_CONNECTOR_ROLE","label":"My ERP connector role","permissions":["pim_api_overall_access"],"users":["myERPuser"]})");
    // And the 409 example exactly.
    expect_hook(
        sandbox, "role.create", request, 1,
        R"({"error":{"status":409,"message":"Validation failed.","violations":[{"path":"label","message":"A role with code ROLE_MY_ERP_CONNECTOR_ROLE already exists."}]}})");

    // Duplicates are collapsed; permissions come in catalogue order, users by
    // username (case-insensitive), whatever the request's order and case.
    expect_hook(sandbox, "user.create", user_request("bob", "bob@example.com"), 0,
                user_object("bob", "bob@example.com", "First", "Last", {"ROLE_USER"}));
    expect_hook(
        sandbox, "role.create",
        R"({"label":"Catalog reader","permissions":["pim_api_family_list","pim_api_overall_access","pim_api_family_list","pim_api_attribute_list"],"users":["MYERPUSER","Bob","myERPuser"]})",
        0,
        role_object("ROLE_CATALOG_READER", "Catalog reader",
                    {"pim_api_overall_access", "pim_api_attribute_list", "pim_api_family_list"},
                    {"bob", "myERPuser"}));
    expect_hook(
        sandbox, "user.list", "{}", 0,
        R"({"users":[)" +
            user_object("bob", "bob@example.com", "First", "Last", {"ROLE_CATALOG_READER", "ROLE_USER"}) +
            "," +
            user_object("myERPuser", "myerpuser@example.com", "My", "ERPuser",
                        {"ROLE_CATALOG_READER", "ROLE_MY_ERP_CONNECTOR_ROLE", "ROLE_USER"}) +
            "]}");
}

BOOST_AUTO_TEST_CASE(acl_list_is_the_catalogue_in_order) {
    Sandbox sandbox;
    boost::json::array permissions;
    for (const auto &[id, label, group] : permission_catalogue())
        permissions.push_back(boost::json::object{{"id", id}, {"label", label}, {"group", group}});
    const std::string expected = boost::json::serialize(boost::json::object{{"permissions", permissions}});
    const auto hook = expect_hook(sandbox, "acl.list", "{}", 0, expected);
    // admin-hooks.md §3.1 shows the first two entries verbatim.
    BOOST_TEST(
        hook.out.rfind(
            R"({"permissions":[{"id":"pim_api_overall_access","label":"Web API permissions","group":"Overall Web API access"},{"id":"pim_api_attribute_list","label":"List attributes","group":"Attributes"},)",
            0) == 0U);
    expect_hook(sandbox, "acl.list", "", 0, expected);
    BOOST_TEST(sandbox.run({"pim:acl:list", "--format=json"}).out == expected + "\n");
}

BOOST_AUTO_TEST_CASE(fixture_roles_and_role_list_order) {
    Sandbox sandbox;
    expect_hook(sandbox, "role.list", "{}", 0, R"({"roles":[)" + fixture_roles() + "]}");
    expect_hook(sandbox, "user.list", "{}", 0, R"({"users":[]})");
    for (const std::string label : {"Zeta", "api role", "beta"})
        call_hook(sandbox, "role.create", R"({"label":)" + quoted(label) + "}");
    // By label, case-insensitively.
    std::vector<std::string> labels;
    const auto roles = hook_body(sandbox, "role.list");
    for (const auto &role : roles.at("roles").as_array()) labels.emplace_back(role.at("label").as_string());
    BOOST_TEST(labels == (std::vector<std::string>{"Administrator", "api role", "beta", "Catalog manager",
                                                   "User", "Zeta"}),
               boost::test_tools::per_element());
}

// permissions.md §5: the code comes from the label, byte by byte.
BOOST_AUTO_TEST_CASE(role_codes_are_derived_from_labels) {
    Sandbox sandbox;
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"role admin", "ROLE_ADMIN"}, {"ERP-2 (read)", "ROLE_ERP-2__READ_"}, {"Café", "ROLE_CAF__"},
        {"ROLE_x y", "ROLE_X_Y"},     {"  spaced  ", "ROLE___SPACED__"},     {"my role", "ROLE_MY_ROLE"},
    };
    for (const auto &[label, code] : cases)
        expect_hook(sandbox, "role.create", R"({"label":)" + quoted(label) + "}", 0,
                    role_object(code, label, {}, {}));
    // My role, my role, My_role and "role my role" share a code.
    for (const std::string label : {"My role", "My_role", "MY ROLE", "role my role", "ROLE_MY_ROLE"})
        expect_hook(sandbox, "role.create", R"({"label":)" + quoted(label) + "}", 1,
                    validation_failed(409, {{"label", "A role with code ROLE_MY_ROLE already exists."}}));
    expect_hook(sandbox, "role.create", R"({"label":"catalog MANAGER"})", 1,
                validation_failed(409, {{"label", "A role with code ROLE_CATALOG_MANAGER already exists."}}));
}

// admin-hooks.md §1, "Decoding errors", on every hook.
BOOST_AUTO_TEST_CASE(decoding_errors_on_every_hook) {
    Sandbox sandbox;
    migrate(sandbox);
    const std::vector<std::pair<std::string, std::vector<std::string>>> hooks = {
        {"acl.list", {}},
        {"role.create", {"label"}},
        {"role.list", {}},
        {"role.update", {"code"}},
        {"role.delete", {"code"}},
        {"user.create", {"username", "password", "email", "first_name", "last_name"}},
        {"user.list", {}},
        {"user.update", {"username"}},
        {"user.delete", {"username"}},
        {"api_connection.create", {"label"}},
        {"api_connection.list", {}},
        {"api_connection.revoke", {"client_id"}},
    };
    const std::string before = database_dump(sandbox);
    for (const auto &[name, required] : hooks) {
        for (const std::string bad :
             {"not json", "{\"label\":\"ERP\"", "{'label':'ERP'}", "{\"a\":1}}", "nul"})
            expect_hook(sandbox, name, bad, 1, error_body(400, "Invalid json message received"));
        for (const std::string not_object : {"[]", "[{\"label\":\"ERP\"}]", "42", "\"ERP\"", "null", "true"})
            expect_hook(sandbox, name, not_object, 1,
                        error_body(400, "The request body must be a JSON object."));

        // Unknown fields are named in request order; missing fields follow.
        Violations violations = {{"bogus", "This field was not expected."},
                                 {"Label", "This field was not expected."}};
        for (const auto &field : required) violations.emplace_back(field, "This field is missing.");
        expect_hook(sandbox, name, R"({"bogus":1,"Label":"ERP"})", 1, validation_failed(400, violations));

        // An empty request means {}.
        Violations missing;
        for (const auto &field : required) missing.emplace_back(field, "This field is missing.");
        if (!required.empty()) {
            expect_hook(sandbox, name, "", 1, validation_failed(400, missing));
            expect_hook(sandbox, name, "  \n", 1, validation_failed(400, missing));
            expect_hook(sandbox, name, "{}", 1, validation_failed(400, missing));
        }
    }
    BOOST_TEST(database_dump(sandbox) == before);
}

BOOST_AUTO_TEST_CASE(wrong_field_types) {
    Sandbox sandbox;
    migrate(sandbox);
    const std::string before = database_dump(sandbox);
    const auto string_type = "This value should be of type string.";
    expect_hook(
        sandbox, "user.create",
        R"({"username":1,"password":true,"email":null,"first_name":[],"last_name":{},"ui_locale":1.5,"enabled":"yes","roles":"ROLE_USER"})",
        1,
        validation_failed(400, {{"username", string_type},
                                {"password", string_type},
                                {"email", string_type},
                                {"first_name", string_type},
                                {"last_name", string_type},
                                {"ui_locale", string_type},
                                {"enabled", "This value should be of type boolean."},
                                {"roles", "This value should be of type array."}}));
    expect_hook(sandbox, "user.create", user_with("roles", boost::json::array{"ROLE_USER", 3, nullptr}), 1,
                validation_failed(400, {{"roles[1]", string_type}, {"roles[2]", string_type}}));
    expect_hook(sandbox, "user.create", user_with("enabled", 1), 1,
                validation_failed(400, {{"enabled", "This value should be of type boolean."}}));
    expect_hook(sandbox, "role.create",
                R"({"users":"bob","label":7,"permissions":["pim_api_overall_access",{}]})", 1,
                validation_failed(400, {{"users", "This value should be of type array."},
                                        {"label", string_type},
                                        {"permissions[1]", string_type}}));
    expect_hook(sandbox, "role.update", R"({"code":"ROLE_USER","label":false,"permissions":{"a":1}})", 1,
                validation_failed(
                    400, {{"label", string_type}, {"permissions", "This value should be of type array."}}));
    expect_hook(sandbox, "role.delete", R"({"code":["ROLE_USER"]})", 1,
                validation_failed(400, {{"code", string_type}}));
    expect_hook(sandbox, "user.update", R"({"username":"x","enabled":"false","password":12345678})", 1,
                validation_failed(
                    400, {{"enabled", "This value should be of type boolean."}, {"password", string_type}}));
    expect_hook(sandbox, "user.delete", R"({"username":null})", 1,
                validation_failed(400, {{"username", string_type}}));
    expect_hook(sandbox, "api_connection.create", R"({"label":5})", 1,
                validation_failed(400, {{"label", string_type}}));
    expect_hook(sandbox, "api_connection.list", R"({"search":true})", 1,
                validation_failed(400, {{"search", string_type}}));
    expect_hook(sandbox, "api_connection.revoke", R"({"client_id":1})", 1,
                validation_failed(400, {{"client_id", string_type}}));
    // A type error and an unknown field together, in request order.
    expect_hook(sandbox, "api_connection.create", R"({"secret":"x","label":[],"grant_types":["password"]})",
                1,
                validation_failed(400, {{"secret", "This field was not expected."},
                                        {"label", string_type},
                                        {"grant_types", "This field was not expected."}}));
    // user.update cannot change the username or the type.
    expect_hook(sandbox, "user.update", R"({"username":"x","type":"api","new_username":"y"})", 1,
                validation_failed(400, {{"type", "This field was not expected."},
                                        {"new_username", "This field was not expected."}}));
    BOOST_TEST(database_dump(sandbox) == before);
}

// Every rule of admin-hooks.md §2: exact status, message and violations,
// exit 1, and the database unchanged, byte for byte.
BOOST_AUTO_TEST_CASE(validation_errors_write_nothing) {
    Sandbox sandbox;
    expect_hook(sandbox, "user.create", my_erp_user_request, 0,
                user_object("myERPuser", "myerpuser@example.com", "My", "ERPuser", {"ROLE_USER"}));
    expect_hook(sandbox, "user.create", user_request("bob", "bob@example.com"), 0,
                user_object("bob", "bob@example.com", "First", "Last", {"ROLE_USER"}));
    call_hook(sandbox, "role.create", R"({"label":"My ERP connector role","users":["myERPuser"]})");
    call_hook(sandbox, "role.create", R"({"label":"my role"})");
    const auto client = create_api_connection(sandbox, "ERP");

    const std::string before = database_dump(sandbox);
    const auto users_before = hook_body(sandbox, "user.list");
    const auto roles_before = hook_body(sandbox, "role.list");
    const auto clients_before = hook_body(sandbox, "api_connection.list");

    const std::string blank = "This value should not be blank.";
    const std::string too_long_255 = "This value is too long. It should have 255 characters or less.";
    const std::string control = "This value should not contain control characters.";
    const std::string used = "This value is already used.";
    const std::string short_password = "This value is too short. It should have 8 characters or more.";
    const std::string invalid_email = "This value is not a valid email address.";
    const std::string x256(256, 'x');
    const std::string e256 = [] {
        std::string out;
        for (int i = 0; i < 256; ++i) out += "é";
        return out;
    }();

    struct Case {
        std::string hook;
        std::string request;
        std::string body;
    };
    const std::vector<Case> cases = {
        // API connection labels.
        {"api_connection.create", R"({"label":""})", validation_failed(400, {{"label", blank}})},
        {"api_connection.create", R"({"label":"   "})", validation_failed(400, {{"label", blank}})},
        {"api_connection.create", R"({"label":)" + quoted(x256) + "}",
         validation_failed(400, {{"label", too_long_255}})},
        {"api_connection.create", R"({"label":)" + quoted(e256) + "}",
         validation_failed(400, {{"label", too_long_255}})},
        {"api_connection.create", R"({"label":"ERP\u0001"})", validation_failed(400, {{"label", control}})},
        {"api_connection.create", R"({"label":"ERP\nconnector"})",
         validation_failed(400, {{"label", control}})},
        {"api_connection.create", R"({"label":"ERP\u007f"})", validation_failed(400, {{"label", control}})},
        // Role labels and codes.
        {"role.create", R"({"label":""})", validation_failed(400, {{"label", blank}})},
        {"role.create", R"({"label":" "})", validation_failed(400, {{"label", blank}})},
        {"role.create", R"({"label":)" + quoted(x256) + "}",
         validation_failed(400, {{"label", too_long_255}})},
        {"role.create", R"({"label":"My\tRole"})", validation_failed(400, {{"label", control}})},
        {"role.create", R"({"label":"my erp connector role"})",
         validation_failed(409, {{"label", "A role with code ROLE_MY_ERP_CONNECTOR_ROLE already exists."}})},
        {"role.create", R"({"label":"My_role"})",
         validation_failed(409, {{"label", "A role with code ROLE_MY_ROLE already exists."}})},
        {"role.create", R"({"label":"User"})",
         validation_failed(409, {{"label", "A role with code ROLE_USER already exists."}})},
        {"role.create",
         R"({"label":"Reader","permissions":["pim_api_overall_access","pim_api_product_list"]})",
         validation_failed(400,
                           {{"permissions[1]", "Unknown Web API permission \"pim_api_product_list\"."}})},
        {"role.create", R"({"label":"Reader","permissions":["PIM_API_OVERALL_ACCESS"]})",
         validation_failed(400,
                           {{"permissions[0]", "Unknown Web API permission \"PIM_API_OVERALL_ACCESS\"."}})},
        {"role.create", R"({"label":"Reader","users":["myERPuser","nobody"]})",
         validation_failed(400, {{"users[1]", "User \"nobody\" does not exist."}})},
        {"role.create", R"({"label":"Reader","users":["myerpuser@example.com"]})",
         validation_failed(400, {{"users[0]", "User \"myerpuser@example.com\" does not exist."}})},
        // Every failing rule at once, in the order of the request's fields.
        {"role.create", R"({"users":["nobody"],"label":"","permissions":["x"]})",
         validation_failed(400, {{"users[0]", "User \"nobody\" does not exist."},
                                 {"label", blank},
                                 {"permissions[0]", "Unknown Web API permission \"x\"."}})},
        // A conflict among other violations is a 400.
        {"role.create", R"({"label":"My_role","permissions":["x"]})",
         validation_failed(400, {{"label", "A role with code ROLE_MY_ROLE already exists."},
                                 {"permissions[0]", "Unknown Web API permission \"x\"."}})},
        // Users: usernames and e-mails share one case-insensitive key space.
        {"user.create", user_request("MYERPUSER", "other@example.com"),
         validation_failed(409, {{"username", used}})},
        {"user.create", user_request("MyERPuser@Example.COM", "other@example.com"),
         validation_failed(409, {{"username", used}})},
        {"user.create", user_request("other", "MYERPUSER@example.com"),
         validation_failed(409, {{"email", used}})},
        {"user.create", user_request("Bob", "BOB@EXAMPLE.COM"),
         validation_failed(409, {{"username", used}, {"email", used}})},
        {"user.create", user_request("myerpuser", "other@example.com", "short"),
         validation_failed(400, {{"username", used}, {"password", short_password}})},
        {"user.create", user_request("", "other@example.com"), validation_failed(400, {{"username", blank}})},
        {"user.create", user_request("  ", "other@example.com"),
         validation_failed(400, {{"username", blank}})},
        {"user.create", user_request(x256, "other@example.com"),
         validation_failed(400, {{"username", too_long_255}})},
        {"user.create", user_request("my\tuser", "other@example.com"),
         validation_failed(400, {{"username", control}})},
        {"user.create", user_request("other", ""), validation_failed(400, {{"email", blank}})},
        {"user.create", user_request("other", "not-an-email"),
         validation_failed(400, {{"email", invalid_email}})},
        {"user.create", user_request("other", "other@example"),
         validation_failed(400, {{"email", invalid_email}})},
        {"user.create", user_request("other", "@example.com"),
         validation_failed(400, {{"email", invalid_email}})},
        {"user.create", user_request("other", "other@exa mple.com"),
         validation_failed(400, {{"email", invalid_email}})},
        {"user.create", user_request("other", x256 + "@example.com"),
         validation_failed(400, {{"email", too_long_255}})},
        {"user.create", user_request("other", "other@example.com", ""),
         validation_failed(400, {{"password", blank}})},
        // A password is blank only when empty: spaces count as characters.
        {"user.create", user_request("other", "other@example.com", "   "),
         validation_failed(400, {{"password", short_password}})},
        {"user.create", user_request("other", "other@example.com", "1234567"),
         validation_failed(400, {{"password", short_password}})},
        {"user.create", user_request("other", "other@example.com", "ééééééé"),  // 7 code points, 14 bytes
         validation_failed(400, {{"password", short_password}})},
        {"user.create", user_request("other", "other@example.com", std::string(1025, 'p')),
         validation_failed(
             400, {{"password", "This value is too long. It should have 1024 characters or less."}})},
        {"user.create", user_with("first_name", ""), validation_failed(400, {{"first_name", blank}})},
        {"user.create", user_with("last_name", " "), validation_failed(400, {{"last_name", blank}})},
        {"user.create", user_with("first_name", x256),
         validation_failed(400, {{"first_name", too_long_255}})},
        {"user.create", user_with("ui_locale", ""), validation_failed(400, {{"ui_locale", blank}})},
        {"user.create", user_with("ui_locale", std::string(21, 'x')),
         validation_failed(400,
                           {{"ui_locale", "This value is too long. It should have 20 characters or less."}})},
        {"user.create", user_with("roles", boost::json::array{"ROLE_USER", "ROLE_NOPE"}),
         validation_failed(400, {{"roles[1]", "Role \"ROLE_NOPE\" does not exist."}})},
        {"user.create", user_with("bogus", true),
         validation_failed(400, {{"bogus", "This field was not expected."}})},
        {"user.create",
         R"({"email":"bad","username":"","password":"short","first_name":" ","last_name":"x","ui_locale":"0123456789012345678901"})",
         validation_failed(400,
                           {{"email", invalid_email},
                            {"username", blank},
                            {"password", short_password},
                            {"first_name", blank},
                            {"ui_locale", "This value is too long. It should have 20 characters or less."}})},
        // Updates.
        {"user.update", R"({"username":"ghost"})",
         error_body(404, "User with username ghost does not exist.")},
        {"user.update", R"({"username":"myerpuser@example.com","first_name":"X"})",
         error_body(404, "User with username myerpuser@example.com does not exist.")},
        {"user.update", R"({"username":"bob","email":"MyERPuser@example.com"})",
         validation_failed(409, {{"email", used}})},
        {"user.update", R"({"username":"bob","email":"not-an-email"})",
         validation_failed(400, {{"email", invalid_email}})},
        {"user.update", R"({"username":"bob","password":"short"})",
         validation_failed(400, {{"password", short_password}})},
        {"user.update", R"({"username":"bob","password":""})", validation_failed(400, {{"password", blank}})},
        {"user.update", R"({"username":"bob","last_name":"","ui_locale":" "})",
         validation_failed(400, {{"last_name", blank}, {"ui_locale", blank}})},
        {"user.update", R"({"username":"bob","roles":["ROLE_GHOST"],"enabled":false})",
         validation_failed(400, {{"roles[0]", "Role \"ROLE_GHOST\" does not exist."}})},
        {"role.update", R"({"code":"ROLE_GHOST","label":"Ghost"})",
         error_body(404, "Role with code ROLE_GHOST does not exist.")},
        {"role.update", R"({"code":"role_ghost"})",
         error_body(404, "Role with code role_ghost does not exist.")},
        {"role.update", R"({"code":"ROLE_MY_ROLE","label":"Administrator"})",
         validation_failed(409, {{"label", "A role with code ROLE_ADMINISTRATOR already exists."}})},
        {"role.update", R"({"code":"ROLE_MY_ROLE","label":""})", validation_failed(400, {{"label", blank}})},
        {"role.update", R"({"code":"ROLE_MY_ROLE","permissions":["pim_api_overall_access","nope"]})",
         validation_failed(400, {{"permissions[1]", "Unknown Web API permission \"nope\"."}})},
        {"role.update", R"({"code":"ROLE_MY_ROLE","users":["ghost"]})",
         validation_failed(400, {{"users[0]", "User \"ghost\" does not exist."}})},
        // Deletions.
        {"role.delete", R"({"code":"ROLE_GHOST"})",
         error_body(404, "Role with code ROLE_GHOST does not exist.")},
        {"role.delete", R"({"code":"ROLE_USER"})",
         error_body(409, "The default role ROLE_USER cannot be deleted.")},
        {"role.delete", R"({"code":"role_user"})",
         error_body(409, "The default role ROLE_USER cannot be deleted.")},
        {"user.delete", R"({"username":"ghost"})",
         error_body(404, "User with username ghost does not exist.")},
        {"user.delete", R"({"username":"bob@example.com"})",
         error_body(404, "User with username bob@example.com does not exist.")},
        {"api_connection.revoke", R"({"client_id":"99_abc"})",
         error_body(404, "Client with public id 99_abc does not exist.")},
        {"api_connection.revoke", R"({"client_id":"nounderscore"})",
         error_body(404, "Client with public id nounderscore does not exist.")},
        {"api_connection.revoke", R"({"client_id":")" + client.id.substr(0, client.id.size() - 1) + R"("})",
         error_body(
             404, "Client with public id " + client.id.substr(0, client.id.size() - 1) + " does not exist.")},
        {"api_connection.revoke", R"({"client_id":"2_)" + client.id.substr(2) + R"("})",
         error_body(404, "Client with public id 2_" + client.id.substr(2) + " does not exist.")},
        {"api_connection.revoke", R"({"client_id":""})",
         error_body(404, "Client with public id  does not exist.")},
    };
    for (const auto &c : cases) expect_hook(sandbox, c.hook, c.request, 1, c.body);

    BOOST_TEST(database_dump(sandbox) == before);
    BOOST_TEST(hook_body(sandbox, "user.list") == users_before);
    BOOST_TEST(hook_body(sandbox, "role.list") == roles_before);
    BOOST_TEST(hook_body(sandbox, "api_connection.list") == clients_before);
}

// Lengths count code points; labels are stored as given.
BOOST_AUTO_TEST_CASE(labels_count_code_points_and_are_stored_as_given) {
    Sandbox sandbox;
    std::string e255;
    for (int i = 0; i < 255; ++i) e255 += "é";  // 510 bytes
    const auto long_label = create_api_connection(sandbox, e255);
    const auto spaced = create_api_connection(sandbox, "  ERP  ");
    expect_hook(
        sandbox, "api_connection.list", "{}", 0,
        connection_list({api_connection_object(spaced, "  ERP  "), api_connection_object(long_label, e255)}));
    expect_hook(sandbox, "role.create", R"({"label":)" + quoted(std::string(255, 'r')) + "}", 0,
                role_object("ROLE_" + std::string(255, 'R'), std::string(255, 'r'), {}, {}));
    // A password of 8 code points is long enough, even in 16 bytes.
    expect_hook(sandbox, "user.create", user_request("unicode", "unicode@example.com", "éééééééé"), 0,
                user_object("unicode", "unicode@example.com", "First", "Last", {"ROLE_USER"}));
    BOOST_TEST(password_verifies(password_hash_of(sandbox, "unicode"), "éééééééé"));
}

BOOST_AUTO_TEST_CASE(api_connection_list_orders_by_label_then_id_and_searches) {
    Sandbox sandbox;
    const auto beta = create_api_connection(sandbox, "beta");
    const auto upper_alpha = create_api_connection(sandbox, "Alpha");
    const auto lower_alpha = create_api_connection(sandbox, "alpha");
    const auto erp = create_api_connection(sandbox, "ERP connector");
    const auto all = connection_list(
        {api_connection_object(upper_alpha, "Alpha"), api_connection_object(lower_alpha, "alpha"),
         api_connection_object(beta, "beta"), api_connection_object(erp, "ERP connector")});
    expect_hook(sandbox, "api_connection.list", "{}", 0, all);
    expect_hook(sandbox, "api_connection.list", R"({"search":""})", 0, all);
    expect_hook(sandbox, "api_connection.list", R"({"search":"ALP"})", 0,
                connection_list({api_connection_object(upper_alpha, "Alpha"),
                                 api_connection_object(lower_alpha, "alpha")}));
    expect_hook(sandbox, "api_connection.list", R"({"search":"P C"})", 0,
                connection_list({api_connection_object(erp, "ERP connector")}));
    // The console lists the same clients by id.
    const auto listed = sandbox.run({"pim:oauth-server:list-clients", "--format=json"});
    std::vector<std::string> ids;
    const auto clients = boost::json::parse(listed.out);
    for (const auto &c : clients.at("clients").as_array()) ids.emplace_back(c.at("client_id").as_string());
    BOOST_TEST(ids == (std::vector<std::string>{beta.id, upper_alpha.id, lower_alpha.id, erp.id}),
               boost::test_tools::per_element());
}

// admin-hooks.md §1: `-` reads the request from stdin; no request means {}.
BOOST_AUTO_TEST_CASE(requests_from_stdin_or_absent) {
    Sandbox sandbox;
    ProcessOptions from_stdin;
    from_stdin.input = my_erp_user_request + "\n";
    const auto created = call_hook(sandbox, "user.create", "-", from_stdin);
    BOOST_TEST(created.exit_code == 0);
    BOOST_TEST(canonical_json(created.out) == canonical_json(user_object("myERPuser", "myerpuser@example.com",
                                                                         "My", "ERPuser", {"ROLE_USER"})));
    from_stdin.input = "";
    const auto empty = call_hook(sandbox, "role.create", "-", from_stdin);
    BOOST_TEST(empty.exit_code == 1);
    BOOST_TEST(canonical_json(empty.out) ==
               canonical_json(validation_failed(400, {{"label", "This field is missing."}})));

    const auto absent = sandbox.run({"hook", "user.list"});
    BOOST_TEST(absent.exit_code == 0);
    BOOST_TEST(canonical_json(absent.out) ==
               canonical_json(
                   R"({"users":[)" +
                   user_object("myERPuser", "myerpuser@example.com", "My", "ERPuser", {"ROLE_USER"}) + "]}"));
}

// user.create's optional fields; user.update's changes and effects.
BOOST_AUTO_TEST_CASE(user_create_options_and_user_update) {
    Sandbox sandbox;
    expect_hook(
        sandbox, "user.create",
        R"({"username":"Émile","password":"émilePassword","email":"emile@example.com","first_name":"Émile","last_name":"Zola","ui_locale":"fr_FR","enabled":false,"roles":["role_catalog_manager","ROLE_ADMINISTRATOR","ROLE_CATALOG_MANAGER"]})",
        0,
        user_object("Émile", "emile@example.com", "Émile", "Zola",
                    {"ROLE_ADMINISTRATOR", "ROLE_CATALOG_MANAGER"}, "fr_FR", false));
    expect_hook(sandbox, "user.create", user_with("roles", boost::json::array{}), 0,
                user_object("newuser", "newuser@example.com", "First", "Last", {}));
    // Case-insensitive beyond ASCII: "émile" is taken.
    expect_hook(sandbox, "user.create", user_request("émile", "other@example.com"), 1,
                validation_failed(409, {{"username", "This value is already used."}}));

    expect_hook(sandbox, "user.update", R"({"username":"émile","enabled":true,"roles":[]})", 0,
                user_object("Émile", "emile@example.com", "Émile", "Zola", {}, "fr_FR", true));
    expect_hook(
        sandbox, "user.update",
        R"({"username":"NEWUSER","email":"renamed@example.com","first_name":"New","last_name":"Name","ui_locale":"de_DE","roles":["ROLE_USER"]})",
        0, user_object("newuser", "renamed@example.com", "New", "Name", {"ROLE_USER"}, "de_DE"));
    // The old e-mail is free again; the new one is taken.
    expect_hook(sandbox, "user.update", R"({"username":"Émile","email":"newuser@example.com"})", 0,
                user_object("Émile", "newuser@example.com", "Émile", "Zola", {}, "fr_FR"));
    expect_hook(sandbox, "user.create", user_request("third", "RENAMED@example.com"), 1,
                validation_failed(409, {{"email", "This value is already used."}}));
    // An e-mail equal to the user's own username is no conflict (only invalid here).
    expect_hook(sandbox, "user.update", R"({"username":"newuser","email":"NewUser"})", 1,
                validation_failed(400, {{"email", "This value is not a valid email address."}}));
    // A username may equal its own e-mail (case-insensitively).
    expect_hook(sandbox, "user.create", user_request("me@example.com", "ME@example.com"), 0,
                user_object("me@example.com", "ME@example.com", "First", "Last", {"ROLE_USER"}));
    // An e-mail equal to another user's username is taken.
    expect_hook(sandbox, "user.create", user_request("someone", "Me@Example.com"), 1,
                validation_failed(409, {{"email", "This value is already used."}}));
    // §2's e-mail rule is the regex ^.+@\S+\.\S+$: a domain may end with a dot.
    expect_hook(sandbox, "user.create", user_request("dotted", "dotted@example.com."), 0,
                user_object("dotted", "dotted@example.com.", "First", "Last", {"ROLE_USER"}));
    expect_hook(sandbox, "user.update", R"({"username":"dotted","email":"a@b.."})", 0,
                user_object("dotted", "a@b..", "First", "Last", {"ROLE_USER"}));
    expect_hook(sandbox, "user.update", R"({"username":"dotted","email":"a@b."})", 1,
                validation_failed(400, {{"email", "This value is not a valid email address."}}));
    expect_hook(sandbox, "user.update", R"({"username":"dotted","email":"a@.b"})", 1,
                validation_failed(400, {{"email", "This value is not a valid email address."}}));
    expect_hook(sandbox, "user.update", R"({"username":"dotted","email":"a@@b.c"})", 0,
                user_object("dotted", "a@@b.c", "First", "Last", {"ROLE_USER"}));
    expect_no_content(sandbox, "user.delete", R"({"username":"dotted"})");

    // An empty update changes nothing.
    expect_hook(sandbox, "user.update", R"({"username":"newuser"})", 0,
                user_object("newuser", "renamed@example.com", "New", "Name", {"ROLE_USER"}, "de_DE"));

    // user.list: by username, case-insensitively (byte order would put Zoe first).
    call_hook(sandbox, "user.create", user_request("Zoe", "zoe@example.com"));
    const auto listed = hook_body(sandbox, "user.list");
    std::vector<std::string> usernames;
    for (const auto &user : listed.at("users").as_array())
        usernames.emplace_back(user.at("username").as_string());
    BOOST_TEST(usernames == (std::vector<std::string>{"me@example.com", "newuser", "Zoe", "Émile"}),
               boost::test_tools::per_element());
}

// A new password replaces the hash and deletes the user's tokens (ours, §3.8);
// user.delete deletes the user, its tokens, its role links and its logins.
BOOST_AUTO_TEST_CASE(user_update_password_and_user_delete) {
    Sandbox sandbox;
    call_hook(sandbox, "user.create", my_erp_user_request);
    call_hook(sandbox, "user.create", user_request("bob", "bob@example.com", "bobPassword"));
    call_hook(sandbox, "role.create", R"({"label":"My ERP connector role","users":["myERPuser","bob"]})");
    const auto client = create_api_connection(sandbox, "ERP");
    insert_tokens(sandbox, "myERPuser", client.db_id, "1");
    insert_tokens(sandbox, "bob", client.db_id, "2");
    BOOST_TEST(tokens_of_user(sandbox, "myERPuser") == 2);

    const std::string old_hash = password_hash_of(sandbox, "myERPuser");
    BOOST_TEST(old_hash.rfind("$argon2id$", 0) == 0U, old_hash);
    BOOST_TEST(password_verifies(old_hash, "myERPuserPassword"));

    // Other changes keep the tokens.
    expect_hook(sandbox, "user.update",
                R"({"username":"MYERPUSER","first_name":"Mine","enabled":false,"roles":[]})", 0,
                user_object("myERPuser", "myerpuser@example.com", "Mine", "ERPuser", {}, "en_US", false));
    expect_hook(sandbox, "user.update",
                R"({"username":"MYERPUSER","roles":["ROLE_USER","ROLE_MY_ERP_CONNECTOR_ROLE"]})", 0,
                user_object("myERPuser", "myerpuser@example.com", "Mine", "ERPuser",
                            {"ROLE_MY_ERP_CONNECTOR_ROLE", "ROLE_USER"}, "en_US", false));
    BOOST_TEST(tokens_of_user(sandbox, "myERPuser") == 2);
    BOOST_TEST(password_hash_of(sandbox, "myERPuser") == old_hash);

    expect_hook(sandbox, "user.update",
                R"({"username":"myerpuser","password":"aNewPassword!","enabled":true})", 0,
                user_object("myERPuser", "myerpuser@example.com", "Mine", "ERPuser",
                            {"ROLE_MY_ERP_CONNECTOR_ROLE", "ROLE_USER"}));
    const std::string new_hash = password_hash_of(sandbox, "myERPuser");
    BOOST_TEST(new_hash != old_hash);
    BOOST_TEST(password_verifies(new_hash, "aNewPassword!"));
    BOOST_TEST(!password_verifies(new_hash, "myERPuserPassword"));
    BOOST_TEST(tokens_of_user(sandbox, "myERPuser") == 0);
    BOOST_TEST(tokens_of_user(sandbox, "bob") == 2);

    // user.delete: 204, every trace gone, the others untouched.
    insert_tokens(sandbox, "myERPuser", client.db_id, "3");
    expect_no_content(sandbox, "user.delete", R"({"username":"MyErpUser"})");
    expect_hook(sandbox, "user.list", "{}", 0,
                R"({"users":[)" +
                    user_object("bob", "bob@example.com", "First", "Last",
                                {"ROLE_MY_ERP_CONNECTOR_ROLE", "ROLE_USER"}) +
                    "]}");
    expect_hook(sandbox, "role.update", R"({"code":"ROLE_MY_ERP_CONNECTOR_ROLE"})", 0,
                role_object("ROLE_MY_ERP_CONNECTOR_ROLE", "My ERP connector role", {}, {"bob"}));
    {
        DatabaseFile db(sandbox);
        BOOST_TEST(db.count("pim_api_access_token") == 1);  // bob's
        BOOST_TEST(db.count("pim_api_refresh_token") == 1);
        BOOST_TEST(db.count("pim_user_login") == 2);  // bob's username and e-mail
        BOOST_TEST(db.count("pim_user_role") == 2);
    }
    expect_hook(sandbox, "user.delete", R"({"username":"myERPuser"})", 1,
                error_body(404, "User with username myERPuser does not exist."));
    // The username and the e-mail can be used again.
    expect_hook(sandbox, "user.create", my_erp_user_request, 0,
                user_object("myERPuser", "myerpuser@example.com", "My", "ERPuser", {"ROLE_USER"}));
    expect_hook(sandbox, "api_connection.list", "{}", 0,
                connection_list({api_connection_object(client, "ERP")}));
}

// role.update recomputes the code from a new label, holders keep the role;
// role.delete removes it from its holders.
BOOST_AUTO_TEST_CASE(role_update_renames_and_role_delete_removes_it_from_holders) {
    Sandbox sandbox;
    call_hook(sandbox, "user.create", my_erp_user_request);
    call_hook(sandbox, "user.create", user_request("bob", "bob@example.com"));
    expect_hook(
        sandbox, "role.create",
        R"({"label":"My ERP connector role","permissions":["pim_api_overall_access"],"users":["myERPuser","bob"]})",
        0,
        role_object("ROLE_MY_ERP_CONNECTOR_ROLE", "My ERP connector role", {"pim_api_overall_access"},
                    {"bob", "myERPuser"}));

    const auto client = create_api_connection(sandbox, "ERP");
    insert_tokens(sandbox, "bob", client.db_id, "b");

    expect_hook(
        sandbox, "role.update", R"json({"code":"role_my_erp_connector_role","label":"ERP-2 (read)"})json", 0,
        role_object("ROLE_ERP-2__READ_", "ERP-2 (read)", {"pim_api_overall_access"}, {"bob", "myERPuser"}));
    expect_hook(sandbox, "role.update", R"({"code":"ROLE_MY_ERP_CONNECTOR_ROLE","label":"x"})", 1,
                error_body(404, "Role with code ROLE_MY_ERP_CONNECTOR_ROLE does not exist."));
    expect_hook(
        sandbox, "user.list", "{}", 0,
        R"({"users":[)" +
            user_object("bob", "bob@example.com", "First", "Last", {"ROLE_ERP-2__READ_", "ROLE_USER"}) + "," +
            user_object("myERPuser", "myerpuser@example.com", "My", "ERPuser",
                        {"ROLE_ERP-2__READ_", "ROLE_USER"}) +
            "]}");
    // The same label again (in another case) is no conflict with itself.
    expect_hook(
        sandbox, "role.update", R"json({"code":"ROLE_ERP-2__READ_","label":"erp-2 (READ)"})json", 0,
        role_object("ROLE_ERP-2__READ_", "erp-2 (READ)", {"pim_api_overall_access"}, {"bob", "myERPuser"}));

    // permissions and users replace the whole lists.
    expect_hook(
        sandbox, "role.update",
        R"({"code":"ROLE_ERP-2__READ_","permissions":["pim_api_family_list","pim_api_overall_access","pim_api_family_list"],"users":["BOB"]})",
        0,
        role_object("ROLE_ERP-2__READ_", "erp-2 (READ)", {"pim_api_overall_access", "pim_api_family_list"},
                    {"bob"}));
    expect_hook(sandbox, "role.update", R"({"code":"ROLE_ERP-2__READ_","permissions":[]})", 0,
                role_object("ROLE_ERP-2__READ_", "erp-2 (READ)", {}, {"bob"}));
    expect_hook(sandbox, "role.update", R"({"code":"ROLE_ERP-2__READ_","users":["myERPuser","bob"]})", 0,
                role_object("ROLE_ERP-2__READ_", "erp-2 (READ)", {}, {"bob", "myERPuser"}));

    expect_no_content(sandbox, "role.delete", R"({"code":"role_erp-2__read_"})");
    expect_hook(sandbox, "user.list", "{}", 0,
                R"({"users":[)" + user_object("bob", "bob@example.com", "First", "Last", {"ROLE_USER"}) +
                    "," + user_object("myERPuser", "myerpuser@example.com", "My", "ERPuser", {"ROLE_USER"}) +
                    "]}");
    expect_hook(sandbox, "role.list", "{}", 0,
                R"({"roles":[)" + fixture_roles(R"(["bob","myERPuser"])") + "]}");
    expect_hook(sandbox, "role.delete", R"({"code":"ROLE_ERP-2__READ_"})", 1,
                error_body(404, "Role with code ROLE_ERP-2__READ_ does not exist."));
    // Holders keep their tokens through renames, changes and the deletion.
    BOOST_TEST(tokens_of_user(sandbox, "bob") == 2);
    {
        DatabaseFile db(sandbox);
        BOOST_TEST(db.count("pim_role_permission") == 38);  // the two fixture roles' grants
        BOOST_TEST(db.count("pim_user_role") == 2);
    }
    // Fixture roles other than ROLE_USER may go.
    expect_no_content(sandbox, "role.delete", R"({"code":"ROLE_CATALOG_MANAGER"})");
}

// A connection made by pim:connection:create: its user's deletion leaves the
// client with "username": null (§3.9); revoking deletes the client, its
// tokens and its connection record but keeps the user (console §2.3).
BOOST_AUTO_TEST_CASE(connection_users_and_revocation_cascades) {
    Sandbox sandbox;
    const auto erp = create_connection(sandbox, "erp");
    const auto print = create_connection(sandbox, "print");
    BOOST_TEST(std::regex_match(erp.username, std::regex("erp_[0-9]{4}")));
    const CreatedClient erp_client{erp.client_id, erp.secret, std::stoll(erp.client_id)};
    const CreatedClient print_client{print.client_id, print.secret, std::stoll(print.client_id)};
    const auto connection_of = [](const std::string &code, const std::string &username) {
        return R"({"code":)" + quoted(code) + R"(,"flow_type":"other","username":)" + username + "}";
    };
    expect_hook(
        sandbox, "api_connection.list", "{}", 0,
        connection_list(
            {api_connection_object(erp_client, "erp", connection_of("erp", quoted(erp.username))),
             api_connection_object(print_client, "print", connection_of("print", quoted(print.username)))}));

    insert_tokens(sandbox, erp.username, erp_client.db_id, "e");
    insert_tokens(sandbox, print.username, print_client.db_id, "p");
    expect_no_content(sandbox, "user.delete", R"({"username":)" + quoted(erp.username) + "}");
    BOOST_TEST(tokens_of_client(sandbox, erp_client.db_id) == 0);
    BOOST_TEST(tokens_of_client(sandbox, print_client.db_id) == 2);
    expect_hook(sandbox, "api_connection.list", R"({"search":"ERP"})", 0,
                connection_list({api_connection_object(erp_client, "erp", connection_of("erp", "null"))}));

    expect_no_content(sandbox, "api_connection.revoke", R"({"client_id":)" + quoted(print.client_id) + "}");
    BOOST_TEST(tokens_of_client(sandbox, print_client.db_id) == 0);
    {
        DatabaseFile db(sandbox);
        BOOST_TEST(db.count("pim_api_connection") == 1);
        BOOST_TEST(db.count("pim_api_client") == 1);
    }
    const auto users = hook_body(sandbox, "user.list").at("users").as_array();
    BOOST_TEST_REQUIRE(users.size() == 1U);
    BOOST_TEST(users[0].at("username").as_string() == print.username);
    BOOST_TEST(users[0].at("type").as_string() == "api");
}

// data-and-security.md §5: searching the database files for any secret or
// password handed out finds nothing; passwords are Argon2id strings.
BOOST_AUTO_TEST_CASE(no_password_or_secret_in_clear_in_the_database_files) {
    Sandbox sandbox;
    std::vector<std::pair<std::string, std::string>> users = {{"myERPuser", "myERPuserPassword"}};
    call_hook(sandbox, "user.create", my_erp_user_request);
    call_hook(sandbox, "user.create", user_request("hookuser", "hookuser@example.com", "hookUserSecret1"));
    users.emplace_back("hookuser", "hookUserSecret1");
    auto result = sandbox.run(
        {"pim:user:create", "cliuser", "cliUserSecret22", "cli@example.com", "Cli", "User", "en_US", "-n"});
    BOOST_TEST_REQUIRE(result.exit_code == 0, result.err);
    users.emplace_back("cliuser", "cliUserSecret22");
    ProcessOptions piped;
    piped.input = "stdinUserSecret333\n";
    result = sandbox.run(
        {"pim:user:create", "stdinuser", "stdin@example.com", "Stdin", "User", "en_US", "--password-stdin"},
        piped);
    BOOST_TEST_REQUIRE(result.exit_code == 0, result.err);
    users.emplace_back("stdinuser", "stdinUserSecret333");
    // A changed password: neither the old nor the new one is stored.
    call_hook(sandbox, "user.update", R"({"username":"hookuser","password":"hookUserChanged4"})");
    const std::string replaced_password = "hookUserSecret1";
    users[1].second = "hookUserChanged4";

    std::vector<std::string> secrets;
    const auto erp = create_api_connection(sandbox, "ERP");
    secrets.push_back(erp.secret);
    result = sandbox.run({"pim:oauth-server:create-client", "Print catalog", "--format=json"});
    const auto print = boost::json::parse(result.out).as_object();
    secrets.emplace_back(print.at("secret").as_string());
    result = sandbox.run({"pim:oauth-server:regenerate-secret",
                          std::string(print.at("client_id").as_string()), "--format=json"});
    secrets.emplace_back(boost::json::parse(result.out).at("secret").as_string());
    const auto connection = create_connection(sandbox, "erp");
    secrets.push_back(connection.secret);
    users.emplace_back(connection.username, connection.password);

    // Each secret handed out is shown again by the listing (decrypted) ...
    const std::string listing = boost::json::serialize(hook_body(sandbox, "api_connection.list"));
    for (std::size_t i = 0; i < secrets.size(); ++i)
        if (i != 1)
            BOOST_TEST(listing.find(secrets[i]) != std::string::npos, secrets[i]);  // [1] was replaced
    // ... but none is in the files, nor any password.
    for (const auto &secret : secrets) BOOST_TEST(count_in_database_files(sandbox, secret) == 0U, secret);
    for (const auto &[username, password] : users)
        BOOST_TEST(count_in_database_files(sandbox, password) == 0U, password);
    BOOST_TEST(count_in_database_files(sandbox, replaced_password) == 0U);
    // The search itself works: public values are found.
    BOOST_TEST(count_in_database_files(sandbox, "stdinuser") >= 1U);
    BOOST_TEST(count_in_database_files(sandbox, erp.id.substr(2)) >= 1U);

    for (const auto &[username, password] : users) {
        BOOST_TEST_CONTEXT(username) {
            const std::string hash = password_hash_of(sandbox, username);
            BOOST_TEST(hash.rfind("$argon2id$", 0) == 0U, hash);
            BOOST_TEST(password_verifies(hash, password));
            BOOST_TEST(!password_verifies(hash, password + "x"));
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
