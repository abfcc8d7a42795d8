// The user, role, permission and connection commands of console-commands.md
// §2.5 and §3 through the built pim-host: the seed flow of §4 byte for byte,
// pim:user:create's modes (terminal dialogue with hidden input, questions
// through SHELL_INTERACTIVE, --password-stdin, -n), every refusal with
// nothing written, pim:connection:create and pim:oauth-server:regenerate-secret.
#include "integration/admin_support.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>

using namespace pim::test;

namespace {

ProcessOptions prod() {
    ProcessOptions options;
    options.set_env["PIM_SECRET_KEY"] = test_secret_key;
    return options;
}

// stdin not a terminal, but SHELL_INTERACTIVE set: questions are asked and
// answered from `input` (console-commands.md §1.2).
ProcessOptions shell(const std::string &input) {
    ProcessOptions options;
    options.set_env["SHELL_INTERACTIVE"] = "";
    options.input = input;
    return options;
}

ProcessOptions piped(const std::string &input) {
    ProcessOptions options;
    options.input = input;
    return options;
}

std::string describe(const std::vector<std::string> &args) {
    std::string out;
    for (const auto &arg : args) out += (out.empty() ? "" : " ") + arg;
    return out;
}

// Runs a command whose outcome is fully known, stdout and stderr byte for byte.
void expect_run(const Sandbox &sandbox, const std::vector<std::string> &args, int exit_code,
                const std::string &out, const std::string &err, const ProcessOptions &options = {}) {
    const auto result = sandbox.run(args, options);
    BOOST_TEST_CONTEXT(describe(args)) {
        BOOST_TEST(result.exit_code == exit_code);
        BOOST_TEST(result.out == out);
        BOOST_TEST(result.err == err);
    }
}

std::string regex_escape(const std::string &text) {
    return std::regex_replace(text, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)");
}

const std::string user_create_usage =
    "Usage: pim:user:create [--admin] [--password-stdin] [--format FORMAT] [--] [<username> [<password> "
    "[<email> "
    "[<firstName> [<lastName> [<locale>]]]]]]\n";
const std::string regenerate_question =
    "This operation is irreversible. Are you sure you want to regenerate the secret of this client? (Y/n)";
const std::string password_question = "Password (the input will be hidden) : ";
const std::string locale_question = "UI default locale code (e.g. \"en_US\") : ";

const std::vector<std::string> user_headers = {"username", "email", "type", "enabled", "roles"};
const std::vector<std::string> role_headers = {"code", "label", "permissions", "users"};

struct Client {
    std::string id;
    std::string secret;
};

Client create_client(const Sandbox &sandbox, const std::string &label, const ProcessOptions &options = {},
                     const std::vector<std::string> &extra = {}) {
    std::vector<std::string> args = {"pim:oauth-server:create-client", label};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto result = sandbox.run(args, options);
    BOOST_TEST_REQUIRE(result.exit_code == 0, result.err);
    BOOST_TEST(result.err == "");
    std::smatch match;
    const std::regex expected(
        "A new client has been added\\.\nclient_id: ([1-9][0-9]*_[0-9a-z]{50})\nsecret: "
        "([0-9a-z]{50})\nlabel: " +
        regex_escape(label) + "\n");
    BOOST_TEST_REQUIRE(std::regex_match(result.out, match, expected), result.out);
    return {match[1], match[2]};
}

std::string client_table(const std::vector<std::array<std::string, 3>> &rows) {
    std::vector<std::vector<std::string>> cells;
    for (const auto &row : rows) cells.push_back({row[0], row[1], row[2]});
    return console_table({"client id", "secret", "label"}, cells);
}

// The user object of a user.list answer, by username.
boost::json::value listed_user(const Sandbox &sandbox, const std::string &username) {
    const auto users = hook_body(sandbox, "user.list");
    for (const auto &user : users.at("users").as_array())
        if (user.at("username").as_string() == username) return user;
    return nullptr;
}

boost::json::value listed_role(const Sandbox &sandbox, const std::string &code) {
    const auto roles = hook_body(sandbox, "role.list");
    for (const auto &role : roles.at("roles").as_array())
        if (role.at("code").as_string() == code) return role;
    return nullptr;
}

std::size_t user_count(const Sandbox &sandbox) {
    return hook_body(sandbox, "user.list").at("users").as_array().size();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(user_role_commands)

// console-commands.md §4, in prod, every line exactly.
BOOST_AUTO_TEST_CASE(seed_flow_as_commands_is_byte_exact) {
    Sandbox sandbox;
    const auto migrate = sandbox.run({"pim:db:migrate", "--env=prod"}, prod());
    BOOST_TEST_REQUIRE(migrate.exit_code == 0, migrate.err);

    expect_run(sandbox, {"pim:user:list", "--env=prod"}, 0, "No user is currently registered.\n", "", prod());
    expect_run(sandbox,
               {"pim:user:create", "myERPuser", "myERPuserPassword", "myerpuser@example.com", "My", "ERPuser",
                "en_US", "-n", "--env=prod"},
               0, "User myERPuser has been created.\n", "", prod());
    expect_run(sandbox, {"pim:role:create", "My ERP connector role", "--env=prod"}, 0,
               "Role \"My ERP connector role\" has been created with code ROLE_MY_ERP_CONNECTOR_ROLE.\n", "",
               prod());
    expect_run(sandbox,
               {"pim:role:grant", "ROLE_MY_ERP_CONNECTOR_ROLE", "pim_api_overall_access", "--env=prod"}, 0,
               "Granted pim_api_overall_access to ROLE_MY_ERP_CONNECTOR_ROLE.\n", "", prod());
    expect_run(sandbox, {"pim:user:add-role", "myERPuser", "ROLE_MY_ERP_CONNECTOR_ROLE", "--env=prod"}, 0,
               "Role ROLE_MY_ERP_CONNECTOR_ROLE has been added to user myERPuser.\n", "", prod());
    const auto client = create_client(sandbox, "ERP connection", prod(), {"--env=prod"});
    BOOST_TEST(client.id.rfind("1_", 0) == 0U);

    // Running them again changes nothing and says so.
    expect_run(sandbox,
               {"pim:role:grant", "ROLE_MY_ERP_CONNECTOR_ROLE", "pim_api_overall_access", "--env=prod"}, 0,
               "ROLE_MY_ERP_CONNECTOR_ROLE already has pim_api_overall_access.\n", "", prod());
    expect_run(sandbox, {"pim:user:add-role", "myERPuser", "ROLE_MY_ERP_CONNECTOR_ROLE", "--env=prod"}, 0,
               "User myERPuser already has role ROLE_MY_ERP_CONNECTOR_ROLE.\n", "", prod());
    expect_run(sandbox, {"pim:role:create", "My ERP connector role", "--env=prod"}, 1, "",
               "label: A role with code ROLE_MY_ERP_CONNECTOR_ROLE already exists.\n", prod());
    expect_run(sandbox,
               {"pim:user:create", "myERPuser", "myERPuserPassword", "myerpuser@example.com", "My", "ERPuser",
                "en_US", "-n", "--env=prod"},
               1, "",
               "The user creation failed :\nusername: This value is already used.\nemail: This value is "
               "already used.\n",
               prod());

    // The tables of §3.7 and §3.4.
    expect_run(sandbox, {"pim:user:list", "--env=prod"}, 0,
               console_table(user_headers, {{"myERPuser", "myerpuser@example.com", "user", "yes",
                                             "ROLE_MY_ERP_CONNECTOR_ROLE, ROLE_USER"}}),
               "", prod());
    expect_run(sandbox, {"pim:role:list", "--env=prod"}, 0,
               console_table(role_headers, {{"ROLE_ADMINISTRATOR", "Administrator", "19", "0"},
                                            {"ROLE_CATALOG_MANAGER", "Catalog manager", "19", "0"},
                                            {"ROLE_MY_ERP_CONNECTOR_ROLE", "My ERP connector role", "1", "1"},
                                            {"ROLE_USER", "User", "0", "1"}}),
               "", prod());
    expect_run(sandbox, {"pim:oauth-server:list-clients", "--env=prod"}, 0,
               client_table({{client.id, client.secret, "ERP connection"}}), "", prod());

    // The JSON forms carry the admin hooks' objects.
    const auto users = sandbox.run({"pim:user:list", "--env=prod", "--format=json"}, prod());
    // ... plus last_used_at (docs/connection-monitoring.md), null until used.
    auto listed_users = boost::json::parse(users.out);
    BOOST_TEST(listed_users.at("users").at(0).as_object().erase("last_used_at") == 1U);
    BOOST_TEST(canonical_json(listed_users) ==
               canonical_json(R"({"users":[)" +
                              user_object("myERPuser", "myerpuser@example.com", "My", "ERPuser",
                                          {"ROLE_MY_ERP_CONNECTOR_ROLE", "ROLE_USER"}) +
                              "]}"));
    const auto role = sandbox.run({"pim:role:list", "--format=json", "--env=prod"}, prod());
    const auto roles = boost::json::parse(role.out);
    BOOST_TEST_REQUIRE(roles.at("roles").as_array().size() == 4U);
    BOOST_TEST(canonical_json(roles.at("roles").as_array()[2]) ==
               canonical_json(role_object("ROLE_MY_ERP_CONNECTOR_ROLE", "My ERP connector role",
                                          {"pim_api_overall_access"}, {"myERPuser"})));
}

// The same flow's JSON documents, in dev.
BOOST_AUTO_TEST_CASE(json_documents_of_the_user_and_role_commands) {
    Sandbox sandbox;
    expect_run(sandbox, {"pim:user:list", "--format=json"}, 0, "{\"users\":[]}\n", "");
    auto result = sandbox.run({"pim:user:create", "myERPuser", "myERPuserPassword", "myerpuser@example.com",
                               "My", "ERPuser", "en_US", "--format=json"});
    BOOST_TEST(result.exit_code == 0);
    BOOST_TEST(result.err == "");
    BOOST_TEST(canonical_json(result.out) == canonical_json(user_object("myERPuser", "myerpuser@example.com",
                                                                        "My", "ERPuser", {"ROLE_USER"})));
    result = sandbox.run({"pim:role:create", "--format=json", "My ERP connector role"});
    BOOST_TEST(canonical_json(result.out) ==
               canonical_json(role_object("ROLE_MY_ERP_CONNECTOR_ROLE", "My ERP connector role", {}, {})));
    result = sandbox.run({"pim:role:grant", "ROLE_MY_ERP_CONNECTOR_ROLE", "pim_api_family_list",
                          "pim_api_overall_access", "--format=json"});
    BOOST_TEST(canonical_json(result.out) ==
               canonical_json(role_object("ROLE_MY_ERP_CONNECTOR_ROLE", "My ERP connector role",
                                          {"pim_api_overall_access", "pim_api_family_list"}, {})));
    result =
        sandbox.run({"pim:role:deny", "ROLE_MY_ERP_CONNECTOR_ROLE", "pim_api_family_list", "--format=json"});
    BOOST_TEST(canonical_json(result.out) ==
               canonical_json(role_object("ROLE_MY_ERP_CONNECTOR_ROLE", "My ERP connector role",
                                          {"pim_api_overall_access"}, {})));
    result = sandbox.run({"pim:user:add-role", "myERPuser", "ROLE_MY_ERP_CONNECTOR_ROLE", "--format=json"});
    BOOST_TEST(canonical_json(result.out) ==
               canonical_json(user_object("myERPuser", "myerpuser@example.com", "My", "ERPuser",
                                          {"ROLE_MY_ERP_CONNECTOR_ROLE", "ROLE_USER"})));
    result = sandbox.run({"pim:role:list", "--format=json"});
    BOOST_TEST(canonical_json(result.out) == canonical_json(hook_body(sandbox, "role.list")));
    result = sandbox.run({"pim:user:list", "--format=json"});
    auto command_users = boost::json::parse(result.out);  // the hook's objects plus last_used_at
    for (auto &user : command_users.at("users").as_array()) user.as_object().erase("last_used_at");
    BOOST_TEST(canonical_json(command_users) == canonical_json(hook_body(sandbox, "user.list")));
    BOOST_TEST(result.out.back() == '\n');
    // -q hides text, not the JSON document.
    result = sandbox.run({"pim:role:list", "-q"});
    BOOST_TEST(result.out == "");
    result = sandbox.run({"pim:acl:list", "-q", "--format=json"});
    BOOST_TEST(canonical_json(result.out) == canonical_json(hook_body(sandbox, "acl.list")));
}

BOOST_AUTO_TEST_CASE(acl_list_table_is_the_catalogue) {
    Sandbox sandbox;
    std::vector<std::vector<std::string>> rows;
    for (const auto &[id, label, group] : permission_catalogue()) rows.push_back({id, label, group});
    expect_run(sandbox, {"pim:acl:list"}, 0, console_table({"id", "label", "group"}, rows), "");
    // Spot check against console-commands.md: first row and widths.
    const auto result = sandbox.run({"pim:acl:list"});
    BOOST_TEST(result.out.rfind("+-------------------------------+-------------------------------------+-----"
                                "-------------------+\n| id                            | label           "
                                "                    | group                  |\n",
                                0) == 0U);
}

// Role arguments: a code (case-insensitive), else a label (case-insensitive).
BOOST_AUTO_TEST_CASE(grant_deny_and_add_role_by_code_or_label) {
    Sandbox sandbox;
    expect_run(sandbox,
               {"pim:user:create", "myERPuser", "myERPuserPassword", "myerpuser@example.com", "My", "ERPuser",
                "en_US", "-n"},
               0, "User myERPuser has been created.\n", "");
    expect_run(sandbox, {"pim:role:create", "My ERP connector role"}, 0,
               "Role \"My ERP connector role\" has been created with code ROLE_MY_ERP_CONNECTOR_ROLE.\n", "");
    // One line per id, in the given order.
    expect_run(sandbox,
               {"pim:role:grant", "my erp CONNECTOR role", "pim_api_family_list", "pim_api_overall_access",
                "pim_api_family_list"},
               0,
               "Granted pim_api_family_list to ROLE_MY_ERP_CONNECTOR_ROLE.\n"
               "Granted pim_api_overall_access to ROLE_MY_ERP_CONNECTOR_ROLE.\n"
               "ROLE_MY_ERP_CONNECTOR_ROLE already has pim_api_family_list.\n",
               "");
    expect_run(sandbox,
               {"pim:role:deny", "role_my_erp_connector_role", "pim_api_family_list", "pim_api_family_edit"},
               0,
               "Removed pim_api_family_list from ROLE_MY_ERP_CONNECTOR_ROLE.\n"
               "ROLE_MY_ERP_CONNECTOR_ROLE does not have pim_api_family_edit.\n",
               "");
    BOOST_TEST(canonical_json(listed_role(sandbox, "ROLE_MY_ERP_CONNECTOR_ROLE")) ==
               canonical_json(role_object("ROLE_MY_ERP_CONNECTOR_ROLE", "My ERP connector role",
                                          {"pim_api_overall_access"}, {})));
    expect_run(sandbox, {"pim:user:add-role", "MYERPUSER", "catalog manager"}, 0,
               "Role ROLE_CATALOG_MANAGER has been added to user myERPuser.\n", "");
    expect_run(sandbox, {"pim:user:add-role", "myerpuser", "role_my_erp_connector_role"}, 0,
               "Role ROLE_MY_ERP_CONNECTOR_ROLE has been added to user myERPuser.\n", "");
    expect_run(sandbox, {"pim:user:add-role", "myERPuser", "User"}, 0,
               "User myERPuser already has role ROLE_USER.\n", "");
    expect_run(sandbox, {"pim:user:list"}, 0,
               console_table(user_headers, {{"myERPuser", "myerpuser@example.com", "user", "yes",
                                             "ROLE_CATALOG_MANAGER, ROLE_MY_ERP_CONNECTOR_ROLE, ROLE_USER"}}),
               "");
    // Denying everything from a fixture role, and granting it back.
    std::vector<std::string> deny_all = {"pim:role:deny", "Administrator"};
    std::string denied;
    for (const auto &id : all_permission_ids()) {
        deny_all.push_back(id);
        denied += "Removed " + id + " from ROLE_ADMINISTRATOR.\n";
    }
    expect_run(sandbox, deny_all, 0, denied, "");
    BOOST_TEST(canonical_json(listed_role(sandbox, "ROLE_ADMINISTRATOR")) ==
               canonical_json(role_object("ROLE_ADMINISTRATOR", "Administrator", {}, {})));
}

BOOST_AUTO_TEST_CASE(role_and_user_commands_refuse_bad_input_and_change_nothing) {
    Sandbox sandbox;
    expect_run(sandbox,
               {"pim:user:create", "myERPuser", "myERPuserPassword", "myerpuser@example.com", "My", "ERPuser",
                "en_US", "-n"},
               0, "User myERPuser has been created.\n", "");
    expect_run(sandbox, {"pim:role:create", "My ERP connector role"}, 0,
               "Role \"My ERP connector role\" has been created with code ROLE_MY_ERP_CONNECTOR_ROLE.\n", "");
    const std::string before = database_dump(sandbox);

    const std::string role_create_usage = "Usage: pim:role:create [--format FORMAT] [--] <label>\n";
    const std::string grant_usage = "Usage: pim:role:grant [--format FORMAT] [--] <role> <acl-id>...\n";
    const std::string deny_usage = "Usage: pim:role:deny [--format FORMAT] [--] <role> <acl-id>...\n";
    const std::string add_role_usage = "Usage: pim:user:add-role [--format FORMAT] [--] <username> <role>\n";
    struct Case {
        std::vector<std::string> args;
        std::string err;
    };
    const std::vector<Case> cases = {
        {{"pim:role:create"}, "Not enough arguments (missing: \"label\").\n" + role_create_usage},
        {{"pim:role:create", "A", "B"}, "Too many arguments.\n" + role_create_usage},
        {{"pim:role:create", ""}, "label: This value should not be blank.\n"},
        {{"pim:role:create", "   "}, "label: This value should not be blank.\n"},
        {{"pim:role:create", std::string(256, 'r')},
         "label: This value is too long. It should have 255 characters or less.\n"},
        {{"pim:role:create", "My\tRole"}, "label: This value should not contain control characters.\n"},
        {{"pim:role:create", "my ERP connector role"},
         "label: A role with code ROLE_MY_ERP_CONNECTOR_ROLE already exists.\n"},
        {{"pim:role:create", "User"}, "label: A role with code ROLE_USER already exists.\n"},
        {{"pim:role:create", "Role", "--bogus"},
         "The \"--bogus\" option does not exist.\n" + role_create_usage},
        {{"pim:role:grant"}, "Not enough arguments (missing: \"role, acl-id\").\n" + grant_usage},
        {{"pim:role:grant", "ROLE_USER"}, "Not enough arguments (missing: \"acl-id\").\n" + grant_usage},
        {{"pim:role:deny", "ROLE_USER"}, "Not enough arguments (missing: \"acl-id\").\n" + deny_usage},
        {{"pim:role:grant", "ghost", "pim_api_overall_access"}, "Role \"ghost\" does not exist.\n"},
        {{"pim:role:deny", "ghost", "pim_api_overall_access"}, "Role \"ghost\" does not exist.\n"},
        // Nothing is granted when one id is unknown, not even the valid ones.
        {{"pim:role:grant", "ROLE_USER", "pim_api_overall_access", "pim_api_product_list"},
         "Unknown Web API permission \"pim_api_product_list\". Run pim:acl:list to see the available "
         "ones.\n"},
        {{"pim:role:deny", "Administrator", "pim_api_overall_access", "bogus"},
         "Unknown Web API permission \"bogus\". Run pim:acl:list to see the available ones.\n"},
        {{"pim:user:add-role"}, "Not enough arguments (missing: \"username, role\").\n" + add_role_usage},
        {{"pim:user:add-role", "myERPuser"}, "Not enough arguments (missing: \"role\").\n" + add_role_usage},
        {{"pim:user:add-role", "ghost", "ROLE_USER"}, "User \"ghost\" does not exist.\n"},
        {{"pim:user:add-role", "myerpuser@example.com", "ROLE_USER"},
         "User \"myerpuser@example.com\" does not exist.\n"},
        {{"pim:user:add-role", "myERPuser", "ghost"}, "Role \"ghost\" does not exist.\n"},
        {{"pim:user:add-role", "myERPuser", "ROLE_USER", "extra"}, "Too many arguments.\n" + add_role_usage},
        {{"pim:role:list", "extra"}, "Too many arguments.\nUsage: pim:role:list [--format FORMAT]\n"},
        {{"pim:user:list", "--bogus"},
         "The \"--bogus\" option does not exist.\nUsage: pim:user:list [--format FORMAT]\n"},
        {{"pim:acl:list", "--format=xml"}, "Unsupported format \"xml\". Supported formats: txt, json.\n"},
    };
    for (const auto &c : cases) expect_run(sandbox, c.args, 1, "", c.err);

    // The JSON error documents (stdout, same exit codes).
    const std::vector<std::pair<std::vector<std::string>, std::string>> json_cases = {
        {{"pim:role:create", "", "--format=json"},
         validation_failed(400, {{"label", "This value should not be blank."}})},
        {{"pim:role:create", "My_ERP connector role", "--format=json"},
         validation_failed(409, {{"label", "A role with code ROLE_MY_ERP_CONNECTOR_ROLE already exists."}})},
        {{"pim:role:grant", "ghost", "pim_api_overall_access", "--format=json"},
         error_body(404, "Role \"ghost\" does not exist.")},
        {{"pim:role:grant", "ROLE_USER", "nope", "--format=json"},
         error_body(400, "Unknown Web API permission \"nope\". Run pim:acl:list to see the available ones.")},
        {{"pim:user:add-role", "ghost", "ROLE_USER", "--format=json"},
         error_body(404, "User \"ghost\" does not exist.")},
        {{"pim:user:add-role", "myERPuser", "--format=json"},
         error_body(400, "Not enough arguments (missing: \"role\").")},
    };
    for (const auto &[args, body] : json_cases) {
        const auto result = sandbox.run(args);
        BOOST_TEST_CONTEXT(describe(args)) {
            BOOST_TEST(result.exit_code == 1);
            BOOST_TEST(result.err == "");
            BOOST_TEST(canonical_json(result.out) == canonical_json(body));
        }
    }
    BOOST_TEST(database_dump(sandbox) == before);
}

// pim:user:create on a terminal: the questions of §2.5 in order, hidden
// passwords never echoed, every refusal re-asks.
BOOST_AUTO_TEST_CASE(user_create_interactive_on_a_terminal) {
    Sandbox sandbox;
    migrate(sandbox);
    ProcessOptions tty;
    tty.pty = true;
    tty.dialogue = {
        {"Username : ", "\r"},
        {"Username : ", "   \r"},
        {"Username : ", "myERPuser\r"},
        {password_question, "\r"},
        {password_question, "short\r"},
        {password_question, "myERPuserPassword\r"},
        {"Confirm password : ", "myERPuserPasswort\r"},
        {"Confirm password : ", "myERPuserPassword\r"},
        {"First name : ", "\r"},
        {"First name : ", "My\r"},
        {"Last name : ", "\r"},
        {"Last name : ", "ERPuser\r"},
        {"Email : ", "\r"},
        {"Email : ", "myerpuser\r"},
        {"Email : ", "myerpuser@example\r"},
        {"Email : ", "myerpuser@example.com\r"},
        {locale_question, "\r"},
        {locale_question, "en_US\r"},
    };
    const auto result = sandbox.run({"pim:user:create", "--no-ansi"}, tty);
    BOOST_TEST(result.exit_code == 0);
    // What the terminal showed: typed answers echoed, except the hidden ones
    // (the host ends those lines itself).
    BOOST_TEST(result.out ==
               "Please enter the user's information below.\r\n"
               "Username : \r\nThe username is mandatory.\r\n"
               "Username :    \r\nThe username is mandatory.\r\n"
               "Username : myERPuser\r\n" +
                   password_question + "\r\nThe password is mandatory.\r\n" + password_question +
                   "\r\nThis value is too short. It should have 8 characters or more.\r\n" +
                   password_question +
                   "\r\n"
                   "Confirm password : \r\nThe passwords must match.\r\n"
                   "Confirm password : \r\n"
                   "First name : \r\nThe first name is mandatory.\r\n"
                   "First name : My\r\n"
                   "Last name : \r\nThe last name is mandatory.\r\n"
                   "Last name : ERPuser\r\n"
                   "Email : \r\nThe email is mandatory.\r\n"
                   "Email : myerpuser\r\nPlease enter a valid email address.\r\n"
                   "Email : myerpuser@example\r\nPlease enter a valid email address.\r\n"
                   "Email : myerpuser@example.com\r\n" +
                   locale_question + "\r\nThe locale is mandatory.\r\n" + locale_question +
                   "en_US\r\n"
                   "User myERPuser has been created.\r\n");
    for (const std::string typed : {"myERPuserPassword", "short\r", "myERPuserPasswort"})
        BOOST_TEST(result.out.find(typed) == std::string::npos, typed << " was echoed");

    BOOST_TEST(
        canonical_json(listed_user(sandbox, "myERPuser")) ==
        canonical_json(user_object("myERPuser", "myerpuser@example.com", "My", "ERPuser", {"ROLE_USER"})));
    BOOST_TEST(password_verifies(password_hash_of(sandbox, "myERPuser"), "myERPuserPassword"));
}

// On a terminal refusals are errors (white on red) and the result is green;
// end of input (Ctrl-D) aborts with nothing created.
BOOST_AUTO_TEST_CASE(user_create_on_a_terminal_in_colour_and_aborted) {
    Sandbox sandbox;
    migrate(sandbox);
    ProcessOptions tty;
    tty.pty = true;
    tty.dialogue = {{"Username : ", "\r"}, {"Username : ", "\x04"}};
    auto result = sandbox.run({"pim:user:create"}, tty);
    BOOST_TEST(result.exit_code == 1);
    BOOST_TEST(result.out ==
               "Please enter the user's information below.\r\n"
               "Username : \r\n\033[37;41mThe username is mandatory.\033[39;49m\r\n"
               "Username : \r\n\033[37;41mAborted\033[39;49m\r\n");

    // Ctrl-D at a hidden question: the host still ends the line.
    tty.dialogue = {{password_question, "\x04"}};
    result = sandbox.run({"pim:user:create", "myERPuser", "--no-ansi"}, tty);
    BOOST_TEST(result.exit_code == 1);
    BOOST_TEST(result.out ==
               "Please enter the user's information below.\r\n" + password_question + "\r\nAborted\r\n");

    // Only the missing value is asked; the result line is green.
    tty.dialogue = {{locale_question, "fr_FR\r"}};
    result = sandbox.run(
        {"pim:user:create", "myERPuser", "myERPuserPassword", "myerpuser@example.com", "My", "ERPuser"}, tty);
    BOOST_TEST(result.exit_code == 0);
    BOOST_TEST(result.out == "Please enter the user's information below.\r\n" + locale_question +
                                 "fr_FR\r\n\033[32mUser myERPuser has been created.\033[39m\r\n");
    BOOST_TEST(user_count(sandbox) == 1U);
}

// SHELL_INTERACTIVE without a terminal: questions on stderr, answers read as
// lines (hidden ones too), trimmed except passwords.
BOOST_AUTO_TEST_CASE(user_create_asks_only_for_what_is_missing) {
    Sandbox sandbox;
    expect_run(sandbox, {"pim:user:create", "myERPuser", "myERPuserPassword", "myerpuser@example.com"}, 0,
               "Please enter the user's information below.\nUser myERPuser has been created.\n",
               "First name : Last name : " + locale_question, shell("My\nERPuser\nen_US\n"));
    BOOST_TEST(
        canonical_json(listed_user(sandbox, "myERPuser")) ==
        canonical_json(user_object("myERPuser", "myerpuser@example.com", "My", "ERPuser", {"ROLE_USER"})));

    // Everything asked; answers trimmed, passwords verbatim; refusals between.
    expect_run(sandbox, {"pim:user:create"}, 0,
               "Please enter the user's information below.\nUser alice has been created.\n",
               "Username : " + password_question + "The password is mandatory.\n" + password_question +
                   "Confirm password : The passwords must match.\nConfirm password : First name : Last name "
                   ": Email : "
                   "Please enter a valid email address.\nEmail : " +
                   locale_question,
               shell("  alice  \n\n spaced pass \n spaced pass\n spaced pass \n Alice \n Smith \n bad \n"
                     " alice@example.com \n fr_FR \n"));
    BOOST_TEST(
        canonical_json(listed_user(sandbox, "alice")) ==
        canonical_json(user_object("alice", "alice@example.com", "Alice", "Smith", {"ROLE_USER"}, "fr_FR")));
    const std::string hash = password_hash_of(sandbox, "alice");
    BOOST_TEST(password_verifies(hash, " spaced pass "));
    BOOST_TEST(!password_verifies(hash, "spaced pass"));

    // Every value given: no question, no heading.
    expect_run(sandbox, {"pim:user:create", "bob", "bobPassword", "bob@example.com", "Bob", "B", "en_US"}, 0,
               "User bob has been created.\n", "", shell(""));

    // End of input, wherever it comes: Aborted on a line of its own, exit 1, nothing created.
    expect_run(sandbox, {"pim:user:create"}, 1, "Please enter the user's information below.\n",
               "Username : " + password_question + "\nAborted\n", shell("carol\n"));
    expect_run(sandbox, {"pim:user:create", "carol"}, 1, "Please enter the user's information below.\n",
               password_question + "Confirm password : \nAborted\n", shell("carolPassword\n"));
    expect_run(sandbox, {"pim:user:create", "carol", "carolPassword", "carol@example.com", "Carol", "C"}, 1,
               "Please enter the user's information below.\n", locale_question + "\nAborted\n", shell(""));
    BOOST_TEST(user_count(sandbox) == 3U);

    // Validation still applies to the answers: a taken username.
    expect_run(sandbox, {"pim:user:create", "ALICE", "alicePassword", "other@example.com", "A", "S"}, 1,
               "Please enter the user's information below.\n",
               locale_question + "The user creation failed :\nusername: This value is already used.\n",
               shell("en_US\n"));
    BOOST_TEST(user_count(sandbox) == 3U);
}

// --password-stdin (ours): the first line of stdin, never a question.
BOOST_AUTO_TEST_CASE(user_create_password_stdin) {
    Sandbox sandbox;
    expect_run(sandbox,
               {"pim:user:create", "myERPuser", "myerpuser@example.com", "My", "ERPuser", "en_US",
                "--password-stdin"},
               0, "User myERPuser has been created.\n", "", piped("myERPuserPassword\n"));
    BOOST_TEST(password_verifies(password_hash_of(sandbox, "myERPuser"), "myERPuserPassword"));
    BOOST_TEST(
        canonical_json(listed_user(sandbox, "myERPuser")) ==
        canonical_json(user_object("myERPuser", "myerpuser@example.com", "My", "ERPuser", {"ROLE_USER"})));

    // The line terminator (\n or \r\n) is removed; later lines are ignored;
    // SHELL_INTERACTIVE does not make it ask anything.
    expect_run(sandbox,
               {"pim:user:create", "bob", "bob@example.com", "Bob", "B", "en_US", "--password-stdin"}, 0,
               "User bob has been created.\n", "", shell("bob password\r\nsecond line\n"));
    BOOST_TEST(password_verifies(password_hash_of(sandbox, "bob"), "bob password"));
    expect_run(sandbox, {"pim:user:create", "carol", "carol@example.com", "Carol", "C", "--password-stdin"},
               1, "", "The locale is mandatory.\n", shell("carolPassword\n"));

    const std::vector<std::string> args = {
        "pim:user:create", "carol", "carol@example.com", "Carol", "C", "en_US", "--password-stdin"};
    expect_run(sandbox, args, 1, "", "The password is mandatory.\n", piped(""));
    expect_run(sandbox, args, 1, "", "The password is mandatory.\n", piped("\n"));
    expect_run(sandbox, args, 1, "",
               "The user creation failed :\npassword: This value is too short. It should have 8 characters "
               "or more.\n",
               piped("short\n"));
    // With --password-stdin the password argument is left out.
    expect_run(sandbox,
               {"pim:user:create", "carol", "carolPassword", "carol@example.com", "Carol", "C", "en_US",
                "--password-stdin"},
               1, "", "Too many arguments.\n" + user_create_usage, piped("carolPassword\n"));
    BOOST_TEST(user_count(sandbox) == 2U);
}

// Non-interactive: the first missing value, in argument order.
BOOST_AUTO_TEST_CASE(user_create_non_interactive_mandatory_values) {
    Sandbox sandbox;
    migrate(sandbox);
    const std::vector<std::string> values = {"myERPuser", "myERPuserPassword", "myerpuser@example.com",
                                             "My",        "ERPuser",           "en_US"};
    const std::vector<std::string> messages = {"The username is mandatory.",  "The password is mandatory.",
                                               "The email is mandatory.",     "The first name is mandatory.",
                                               "The last name is mandatory.", "The locale is mandatory."};
    for (std::size_t given = 0; given < values.size(); ++given) {
        std::vector<std::string> args = {"pim:user:create"};
        args.insert(args.end(), values.begin(), values.begin() + static_cast<long>(given));
        // -n; no terminal and no SHELL_INTERACTIVE; -q (errors still shown).
        for (const std::string flag : {"-n", "", "-q"}) {
            auto with_flag = args;
            if (!flag.empty()) with_flag.push_back(flag);
            expect_run(sandbox, with_flag, 1, "", messages[given] + "\n",
                       flag == "" ? ProcessOptions{} : shell("unread\n"));
        }
        // An empty argument counts as missing.
        auto empty = args;
        empty.emplace_back("");
        empty.insert(empty.end(), values.begin() + static_cast<long>(given) + 1, values.end());
        expect_run(sandbox, empty, 1, "", messages[given] + "\n", piped(""));
        // JSON implies non-interactive.
        auto json = args;
        json.emplace_back("--format=json");
        const auto result = sandbox.run(json, shell("unread\n"));
        BOOST_TEST(result.exit_code == 1);
        BOOST_TEST(canonical_json(result.out) == canonical_json(error_body(400, messages[given])));
    }
    // With --password-stdin too, the first missing value in argument order.
    expect_run(sandbox, {"pim:user:create", "--password-stdin"}, 1, "", "The username is mandatory.\n",
               piped(""));
    expect_run(sandbox, {"pim:user:create", "--password-stdin"}, 1, "", "The username is mandatory.\n",
               piped("myERPuserPassword\n"));
    expect_run(sandbox, {"pim:user:create", "myERPuser", "--password-stdin"}, 1, "",
               "The password is mandatory.\n", piped(""));
    expect_run(sandbox, {"pim:user:create", "myERPuser", "--password-stdin"}, 1, "",
               "The email is mandatory.\n", piped("myERPuserPassword\n"));
    expect_run(sandbox, {"pim:user:create", "a", "b", "c", "d", "e", "f", "g"}, 1, "",
               "Too many arguments.\n" + user_create_usage);
    BOOST_TEST(user_count(sandbox) == 0U);
}

// "The user creation failed :" then one `{path}: {message}` line per violation.
BOOST_AUTO_TEST_CASE(user_create_validation_failures_write_nothing) {
    Sandbox sandbox;
    expect_run(sandbox,
               {"pim:user:create", "myERPuser", "myERPuserPassword", "myerpuser@example.com", "My", "ERPuser",
                "en_US", "-n"},
               0, "User myERPuser has been created.\n", "");
    const std::string before = database_dump(sandbox);
    const std::string heading = "The user creation failed :\n";
    struct Case {
        std::vector<std::string> values;  // username password email first last locale
        std::string lines;
    };
    const std::vector<Case> cases = {
        {{"MYERPUSER", "aGoodPassword", "other@example.com", "A", "B", "en_US"},
         "username: This value is already used.\n"},
        {{"MyERPuser@Example.com", "aGoodPassword", "other@example.com", "A", "B", "en_US"},
         "username: This value is already used.\n"},
        {{"other", "aGoodPassword", "MYERPUSER@EXAMPLE.COM", "A", "B", "en_US"},
         "email: This value is already used.\n"},
        {{"other", "aGoodPassword", "not-an-email", "A", "B", "en_US"},
         "email: This value is not a valid email address.\n"},
        {{"other", "short", "other@example.com", "A", "B", "en_US"},
         "password: This value is too short. It should have 8 characters or more.\n"},
        {{"other", std::string(1025, 'p'), "other@example.com", "A", "B", "en_US"},
         "password: This value is too long. It should have 1024 characters or less.\n"},
        {{std::string(256, 'u'), "aGoodPassword", "other@example.com", "A", "B", "en_US"},
         "username: This value is too long. It should have 255 characters or less.\n"},
        {{"other\x01", "aGoodPassword", "other@example.com", "A", "B", "en_US"},
         "username: This value should not contain control characters.\n"},
        {{"other", "aGoodPassword", "other@example.com", " ", "B", "en_US"},
         "first_name: This value should not be blank.\n"},
        {{"other", "aGoodPassword", "other@example.com", "A", std::string(256, 'l'), "en_US"},
         "last_name: This value is too long. It should have 255 characters or less.\n"},
        {{"other", "aGoodPassword", "other@example.com", "A", "B", std::string(21, 'x')},
         "ui_locale: This value is too long. It should have 20 characters or less.\n"},
        // Several at once (in the order the implementation checks them: the
        // profile fields, then the password).
        {{" ", "short", "bad", "A", "B", "en_US"},
         "username: This value should not be blank.\nemail: This value is not a valid email address.\n"
         "password: This value is too short. It should have 8 characters or more.\n"},
    };
    for (const auto &c : cases) {
        std::vector<std::string> args = {"pim:user:create"};
        args.insert(args.end(), c.values.begin(), c.values.end());
        args.emplace_back("-n");
        expect_run(sandbox, args, 1, "", heading + c.lines);
    }
    const auto json = sandbox.run(
        {"pim:user:create", "other", "short", "other@example.com", "A", "B", "en_US", "--format=json"});
    BOOST_TEST(json.exit_code == 1);
    BOOST_TEST(json.err == "");
    BOOST_TEST(canonical_json(json.out) ==
               canonical_json(validation_failed(
                   400, {{"password", "This value is too short. It should have 8 characters or more."}})));
    BOOST_TEST(database_dump(sandbox) == before);
}

// --admin adds ROLE_ADMINISTRATOR (skipped silently when it is gone);
// without ROLE_USER no user can be created.
BOOST_AUTO_TEST_CASE(user_create_admin_and_the_default_role) {
    Sandbox sandbox;
    // The reference help's example.
    expect_run(sandbox,
               {"pim:user:create", "kbeck", "secretp@ssw0rd", "kbeck@example.com", "Kent", "Beck", "en_US",
                "--admin", "-n"},
               0, "User kbeck has been created.\n", "");
    BOOST_TEST(canonical_json(listed_user(sandbox, "kbeck")) ==
               canonical_json(user_object("kbeck", "kbeck@example.com", "Kent", "Beck",
                                          {"ROLE_ADMINISTRATOR", "ROLE_USER"})));
    expect_no_content(sandbox, "role.delete", R"({"code":"ROLE_ADMINISTRATOR"})");
    const auto result = sandbox.run({"pim:user:create", "--admin", "ward", "wardPassword", "ward@example.com",
                                     "Ward", "Cunningham", "en_US", "--format=json"});
    BOOST_TEST(result.exit_code == 0);
    BOOST_TEST(result.err == "");
    BOOST_TEST(canonical_json(result.out) ==
               canonical_json(user_object("ward", "ward@example.com", "Ward", "Cunningham", {"ROLE_USER"})));

    // ROLE_USER cannot be renamed away (ours): every new user receives it.
    const std::string before = database_dump(sandbox);
    expect_hook(
        sandbox, "role.update", R"({"code":"ROLE_USER","label":"Basic"})", 1,
        R"({"error":{"status":409,"message":"The default role ROLE_USER cannot be renamed: its label must keep the code ROLE_USER.","violations":[]}})");
    BOOST_TEST(database_dump(sandbox) == before);
    expect_hook(sandbox, "role.update", R"({"code":"ROLE_USER","label":"user"})", 0,
                role_object("ROLE_USER", "user", {}, {"kbeck", "ward"}));
}

// pim:connection:create (§3.2): user, role and client in one step.
BOOST_AUTO_TEST_CASE(connection_create_in_one_step) {
    Sandbox sandbox;
    const auto result =
        sandbox.run({"pim:connection:create", "erp", "--label=ERP", "--flow-type=data_source"});
    BOOST_TEST_REQUIRE(result.exit_code == 0, result.err);
    BOOST_TEST(result.err == "");
    const std::regex block(
        "A new connection has been created with the following settings:\n"
        "Code: erp\n"
        "Client ID: ([1-9][0-9]*_[0-9a-z]{50})\n"
        "Secret: ([0-9a-z]{50})\n"
        "Username: (erp_[0-9]{4})\n"
        "Password: ([A-Za-z0-9]{24})\n"
        "Auditable: no\n");
    std::smatch match;
    BOOST_TEST_REQUIRE(std::regex_match(result.out, match, block), result.out);
    const std::string client_id = match[1], secret = match[2], username = match[3], password = match[4];

    // The client is an API connection with its connection object.
    expect_hook(sandbox, "api_connection.list", "{}", 0,
                R"({"count":1,"api_connections":[{"client_id":)" + quoted(client_id) + R"(,"secret":)" +
                    quoted(secret) +
                    R"(,"label":"ERP","connection":{"code":"erp","flow_type":"data_source","username":)" +
                    quoted(username) + "}}]}");
    const auto clients = sandbox.run({"pim:oauth-server:list-clients", "--format=json"});
    BOOST_TEST(canonical_json(clients.out) ==
               canonical_json(
                   R"({"clients":[{"client_id":)" + quoted(client_id) + R"(,"secret":)" + quoted(secret) +
                   R"(,"label":"ERP","allowed_grant_types":["password","refresh_token"],"redirect_uris":[],)"
                   R"("last_used_at":null}]})"));
    // Its dedicated API user, whose only role grants overall access.
    BOOST_TEST(canonical_json(listed_user(sandbox, username)) ==
               canonical_json(user_object(username, username + "@example.com", "ERP", "erp",
                                          {"ROLE_API_CONNECTION"}, "en_US", true, "api")));
    BOOST_TEST(canonical_json(listed_role(sandbox, "ROLE_API_CONNECTION")) ==
               canonical_json(role_object("ROLE_API_CONNECTION", "API connection", {"pim_api_overall_access"},
                                          {username})));
    BOOST_TEST(password_verifies(password_hash_of(sandbox, username), password));
    expect_run(sandbox, {"pim:user:list"}, 0,
               console_table(user_headers,
                             {{username, username + "@example.com", "api", "yes", "ROLE_API_CONNECTION"}}),
               "");

    // A second connection reuses the role unchanged.
    expect_hook(
        sandbox, "role.update",
        R"({"code":"ROLE_API_CONNECTION","permissions":["pim_api_overall_access","pim_api_family_list"]})", 0,
        role_object("ROLE_API_CONNECTION", "API connection",
                    {"pim_api_overall_access", "pim_api_family_list"}, {username}));
    const auto second = sandbox.run({"pim:connection:create", "print_catalog", "--flow-type=data_destination",
                                     "--auditable", "--format=json"});
    BOOST_TEST_REQUIRE(second.exit_code == 0, second.err);
    BOOST_TEST(second.err == "");
    const auto json = boost::json::parse(second.out).as_object();
    const std::string second_user(json.at("username").as_string());
    const std::string second_password(json.at("password").as_string());
    BOOST_TEST(std::regex_match(second_user, std::regex("print_catalog_[0-9]{4}")));
    BOOST_TEST(std::regex_match(second_password, std::regex("[A-Za-z0-9]{24}")));
    BOOST_TEST(second_password != password);
    const std::string second_id(json.at("client_id").as_string());
    const std::string second_secret(json.at("secret").as_string());
    BOOST_TEST(std::regex_match(second_id, public_id_pattern()));
    BOOST_TEST(
        canonical_json(second.out) ==
        canonical_json(
            R"({"code":"print_catalog","label":"print_catalog","flow_type":"data_destination","client_id":)" +
            quoted(second_id) + R"(,"secret":)" + quoted(second_secret) + R"(,"username":)" +
            quoted(second_user) + R"(,"password":)" + quoted(second_password) + R"(,"auditable":true})"));
    std::vector<std::string> holders = {username, second_user};
    std::sort(holders.begin(), holders.end());
    BOOST_TEST(canonical_json(listed_role(sandbox, "ROLE_API_CONNECTION")) ==
               canonical_json(role_object("ROLE_API_CONNECTION", "API connection",
                                          {"pim_api_overall_access", "pim_api_family_list"}, holders)));

    // --role (code or label): the user's only role; a warning without overall access.
    expect_run(sandbox, {"pim:role:create", "My ERP connector role"}, 0,
               "Role \"My ERP connector role\" has been created with code ROLE_MY_ERP_CONNECTOR_ROLE.\n", "");
    const auto third = sandbox.run({"pim:connection:create", "magento", "--role=my erp connector role",
                                    "--label=  Magento  ", "--auditable=no"});
    BOOST_TEST(third.exit_code == 0);
    BOOST_TEST(third.err ==
               "Warning: role ROLE_MY_ERP_CONNECTOR_ROLE does not grant pim_api_overall_access; API "
               "calls with these credentials will get 403.\n");
    BOOST_TEST(std::regex_match(third.out, std::regex("A new connection has been created with the following "
                                                      "settings:\nCode: magento\n(.|\n)*Auditable: no\n")),
               third.out);
    const std::string third_user =
        std::regex_replace(third.out, std::regex("(.|\n)*Username: ([^\n]*)\n(.|\n)*"), "$2");
    BOOST_TEST(std::regex_match(third_user, std::regex("magento_[0-9]{4}")), third_user);
    BOOST_TEST(canonical_json(listed_user(sandbox, third_user)) ==
               canonical_json(user_object(third_user, third_user + "@example.com", "Magento", "magento",
                                          {"ROLE_MY_ERP_CONNECTOR_ROLE"}, "en_US", true, "api")));
    const auto magento = hook_body(sandbox, "api_connection.list", R"({"search":"magento"})");
    BOOST_TEST(magento.at("api_connections").as_array()[0].at("label").as_string() == "Magento");

    // --auditable values; the default flow type is "other".
    const auto fourth = sandbox.run({"pim:connection:create", "ecommerce", "--auditable=1", "--format=json"});
    BOOST_TEST(boost::json::parse(fourth.out).at("auditable").as_bool() == true);
    BOOST_TEST(boost::json::parse(fourth.out).at("flow_type").as_string() == "other");
    BOOST_TEST(boost::json::parse(fourth.out).at("label").as_string() == "ecommerce");
}

BOOST_AUTO_TEST_CASE(connection_create_refuses_bad_input_and_creates_nothing) {
    Sandbox sandbox;
    const auto first = sandbox.run({"pim:connection:create", "erp"});
    BOOST_TEST_REQUIRE(first.exit_code == 0, first.err);
    const std::string before = database_dump(sandbox);
    const std::string usage =
        "Usage: pim:connection:create [--label LABEL] [--flow-type FLOW-TYPE] "
        "[--auditable[=AUDITABLE]] [--role ROLE] [--client-credentials] [--format FORMAT] [--] <code>\n";
    const std::string too_short = "This value is too short. It should have 3 characters or more.";
    const std::string too_long = "This value is too long. It should have 100 characters or less.";
    struct Case {
        std::vector<std::string> args;
        std::string err;
    };
    const std::vector<Case> cases = {
        {{"pim:connection:create"}, "Not enough arguments (missing: \"code\").\n" + usage},
        {{"pim:connection:create", "ab"}, "code: " + too_short + "\nlabel: " + too_short + "\n"},
        {{"pim:connection:create", "ab", "--label=ABC"}, "code: " + too_short + "\n"},
        {{"pim:connection:create", std::string(101, 'c')},
         "code: " + too_long + "\nlabel: " + too_long + "\n"},
        {{"pim:connection:create", "abc", "--label=" + std::string(101, 'l')}, "label: " + too_long + "\n"},
        {{"pim:connection:create", "abc", "--label=  ab  "}, "label: " + too_short + "\n"},
        {{"pim:connection:create", "a-b"},
         "code: This value may only contain letters, digits and underscores.\n"},
        {{"pim:connection:create", "erp connector", "--label=ERP"},
         "code: This value may only contain letters, digits and underscores.\n"},
        {{"pim:connection:create", "erp"}, "code: This value is already used.\n"},
        {{"pim:connection:create", "print", "--flow-type=source"},
         "flow_type: The value you selected is not a valid choice.\n"},
        {{"pim:connection:create", "print", "--auditable=maybe"},
         "auditable: The value you selected is not a valid choice.\n"},
        {{"pim:connection:create", "print", "--role=ghost"}, "role: Role \"ghost\" does not exist.\n"},
        {{"pim:connection:create", "x-y", "--flow-type=bad", "--role=ghost"},
         "code: This value may only contain letters, digits and underscores.\n"
         "flow_type: The value you selected is not a valid choice.\n"
         "role: Role \"ghost\" does not exist.\n"},
        {{"pim:connection:create", "print", "--label"}, "The \"--label\" option requires a value.\n" + usage},
        {{"pim:connection:create", "print", "other"}, "Too many arguments.\n" + usage},
    };
    for (const auto &c : cases) expect_run(sandbox, c.args, 1, "", c.err);
    const auto json = sandbox.run({"pim:connection:create", "erp", "--format=json"});
    BOOST_TEST(json.exit_code == 1);
    BOOST_TEST(canonical_json(json.out) ==
               canonical_json(validation_failed(409, {{"code", "This value is already used."}})));
    BOOST_TEST(database_dump(sandbox) == before);
}

// pim:oauth-server:regenerate-secret (§3.1): the prompt rules of
// revoke-client, exit 255 for an unknown id, a new secret, tokens deleted.
BOOST_AUTO_TEST_CASE(regenerate_secret) {
    Sandbox sandbox;
    const auto erp = create_client(sandbox, "ERP connector");
    const auto other = create_client(sandbox, "Other");
    call_hook(
        sandbox, "user.create",
        R"({"username":"myERPuser","password":"myERPuserPassword","email":"myerpuser@example.com","first_name":"My","last_name":"ERPuser"})");
    insert_tokens(sandbox, "myERPuser", std::stoll(erp.id), "1");
    insert_tokens(sandbox, "myERPuser", std::stoll(other.id), "2");

    // Not a terminal: the default (yes) without reading stdin.
    auto result = sandbox.run({"pim:oauth-server:regenerate-secret", erp.id}, piped("n\n"));
    BOOST_TEST(result.exit_code == 0);
    BOOST_TEST(result.err == "");
    std::smatch match;
    const std::regex block("A new secret has been generated\\.\nclient_id: " + regex_escape(erp.id) +
                           "\nsecret: ([0-9a-z]{50})\nlabel: ERP connector\n");
    BOOST_TEST_REQUIRE(std::regex_match(result.out, match, block), result.out);
    std::string secret = match[1];
    BOOST_TEST(secret != erp.secret);
    BOOST_TEST(tokens_of_client(sandbox, std::stoll(erp.id)) == 0);
    BOOST_TEST(tokens_of_client(sandbox, std::stoll(other.id)) == 2);
    expect_run(sandbox, {"pim:oauth-server:list-clients"}, 0,
               client_table({{erp.id, secret, "ERP connector"}, {other.id, other.secret, "Other"}}), "");

    // Unknown ids: stdout, exit 255, no question.
    for (const std::string &id : std::vector<std::string>{
             "1_doesnotexist", "nounderscore", "3_" + erp.id.substr(2), "x_" + erp.id.substr(2), ""})
        expect_run(sandbox, {"pim:oauth-server:regenerate-secret", id}, 255, "No client found for this id.\n",
                   "", shell("y\n"));
    expect_run(sandbox, {"pim:oauth-server:regenerate-secret"}, 1, "",
               "Not enough arguments (missing: \"client_id\").\nUsage: pim:oauth-server:regenerate-secret "
               "[--keep-previous-for KEEP-PREVIOUS-FOR] [--format FORMAT] [--] <client_id>\n");

    // Interactive: no → cancelled; end of input → Aborted; both change nothing.
    for (const std::string answer : {"n\n", "no\n", " N \n", "x\n", "nope"})
        expect_run(sandbox, {"pim:oauth-server:regenerate-secret", erp.id}, 0,
                   "Secret regeneration cancelled.\n", regenerate_question, shell(answer));
    expect_run(sandbox, {"pim:oauth-server:regenerate-secret", erp.id}, 1, "",
               regenerate_question + "\nAborted\n", shell(""));
    expect_run(sandbox, {"pim:oauth-server:list-clients"}, 0,
               client_table({{erp.id, secret, "ERP connector"}, {other.id, other.secret, "Other"}}), "");

    // Interactive yes (empty line, y…), the id typed in another case.
    for (const std::string answer : {"\n", "y\n", "Yeah\r\n"}) {
        std::string typed = "0" + erp.id;
        for (auto &c : typed) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        result = sandbox.run({"pim:oauth-server:regenerate-secret", typed}, shell(answer));
        BOOST_TEST(result.exit_code == 0);
        BOOST_TEST(result.err == regenerate_question);
        BOOST_TEST_REQUIRE(std::regex_match(result.out, match, block), result.out);
        BOOST_TEST(match[1] != secret);
        secret = match[1];
    }
    // -n and -q take the default without asking.
    result = sandbox.run({"pim:oauth-server:regenerate-secret", "-n", erp.id}, shell("n\n"));
    BOOST_TEST(result.err == "");
    BOOST_TEST_REQUIRE(std::regex_match(result.out, match, block), result.out);
    secret = match[1];
    expect_run(sandbox, {"pim:oauth-server:regenerate-secret", erp.id, "-q"}, 0, "", "", shell("n\n"));
    expect_run(sandbox, {"pim:oauth-server:regenerate-secret", "1_gone", "-q"}, 255, "", "");
    const auto listed = sandbox.run({"pim:oauth-server:list-clients", "--format=json"});
    const std::string now(
        boost::json::parse(listed.out).at("clients").as_array()[0].at("secret").as_string());
    BOOST_TEST(now != secret);

    // JSON: implies non-interactive; unknown → 404 document, exit 255.
    result = sandbox.run({"pim:oauth-server:regenerate-secret", other.id, "--format=json"}, shell("n\n"));
    BOOST_TEST(result.exit_code == 0);
    const auto json = boost::json::parse(result.out).as_object();
    const std::string other_secret(json.at("secret").as_string());
    BOOST_TEST(std::regex_match(other_secret, secret_pattern()));
    BOOST_TEST(canonical_json(result.out) ==
               canonical_json(R"({"client_id":)" + quoted(other.id) + R"(,"secret":)" + quoted(other_secret) +
                              R"(,"label":"Other"})"));
    BOOST_TEST(tokens_of_client(sandbox, std::stoll(other.id)) == 0);
    result = sandbox.run({"pim:oauth-server:regenerate-secret", "9_nope", "--format=json"});
    BOOST_TEST(result.exit_code == 255);
    BOOST_TEST(canonical_json(result.out) == canonical_json(error_body(404, "No client found for this id.")));

    // On a terminal.
    ProcessOptions tty;
    tty.pty = true;
    tty.dialogue = {{"(Y/n)", "y\r"}};
    result = sandbox.run({"pim:oauth-server:regenerate-secret", erp.id, "--no-ansi"}, tty);
    BOOST_TEST(result.exit_code == 0);
    const std::regex on_terminal(
        regex_escape(regenerate_question) + "y\r\nA new secret has been generated\\.\r\nclient_id: " +
        regex_escape(erp.id) + "\r\nsecret: [0-9a-z]{50}\r\nlabel: ERP connector\r\n");
    BOOST_TEST(std::regex_match(result.out, on_terminal), result.out);

    // A connection's client keeps its connection.
    const auto connection = sandbox.run({"pim:connection:create", "erp", "--format=json"});
    const std::string connection_id(boost::json::parse(connection.out).at("client_id").as_string());
    result = sandbox.run({"pim:oauth-server:regenerate-secret", connection_id, "--format=json"});
    const std::string connection_secret(boost::json::parse(result.out).at("secret").as_string());
    const auto grid = hook_body(sandbox, "api_connection.list", R"({"search":"erp"})");
    BOOST_TEST(grid.at("count").as_int64() == 2);
    bool found = false;
    for (const auto &row : grid.at("api_connections").as_array())
        if (row.at("client_id").as_string() == connection_id) {
            found = true;
            BOOST_TEST(row.at("secret").as_string() == connection_secret);
            BOOST_TEST(row.at("connection").at("code").as_string() == "erp");
        }
    BOOST_TEST(found);
}

BOOST_AUTO_TEST_SUITE_END()
