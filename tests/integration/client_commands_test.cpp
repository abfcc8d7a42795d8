// The seed's create → list → revoke flow through the built pim-host, compared
// byte for byte with console-commands.md §2.1–2.3, and every bad input.
#include "support/sandbox.hpp"
#include "support/sqlite_only.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>
#include <array>
#include <regex>

using namespace pim::test;

namespace {

struct CreatedClient {
    std::string id;
    std::string secret;
};

std::string regex_escape(const std::string &text) {
    return std::regex_replace(text, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)");
}

ProcessOptions prod() {
    ProcessOptions options;
    options.set_env["PIM_SECRET_KEY"] = test_secret_key;
    return options;
}

CreatedClient parse_created(const ProcessResult &result, const std::string &label) {
    BOOST_TEST_REQUIRE(result.exit_code == 0, result.err);
    BOOST_TEST(result.err == "");
    const std::regex expected(
        "A new client has been added\\.\nclient_id: ([1-9][0-9]*_[0-9a-z]{50})\nsecret: "
        "([0-9a-z]{50})\nlabel: " +
        regex_escape(label) + "\n");
    std::smatch match;
    BOOST_TEST_REQUIRE(std::regex_match(result.out, match, expected), result.out);
    return {match[1], match[2]};
}

CreatedClient create_client(const Sandbox &sandbox, const std::string &label) {
    return parse_created(sandbox.run({"pim:oauth-server:create-client", label}), label);
}

std::string table(const std::vector<std::array<std::string, 3>> &rows) {
    std::array<std::size_t, 3> widths{9, 6, 5};  // "client id", "secret", "label"
    for (const auto &row : rows)
        for (std::size_t c = 0; c < 3; ++c) widths[c] = std::max(widths[c], row[c].size());
    std::string border = "+";
    for (const auto w : widths) border += std::string(w + 2, '-') + "+";
    border += "\n";
    const auto line = [&](const std::array<std::string, 3> &cells) {
        std::string text = "|";
        for (std::size_t c = 0; c < 3; ++c)
            text += " " + cells[c] + std::string(widths[c] - cells[c].size(), ' ') + " |";
        return text + "\n";
    };
    std::string out = border + line({"client id", "secret", "label"}) + border;
    for (const auto &row : rows) out += line(row);
    return out + border;
}

std::size_t client_count(const Sandbox &sandbox) {
    const auto result = sandbox.run({"pim:oauth-server:list-clients", "--format=json"});
    BOOST_TEST_REQUIRE(result.exit_code == 0, result.err);
    return boost::json::parse(result.out).at("clients").as_array().size();
}

const std::string revoke_question =
    "This operation is irreversible. Are you sure you want to revoke this client? (Y/n)";
const std::string create_usage =
    "Usage: pim:oauth-server:create-client [--label LABEL] [--grant_type GRANT_TYPE]... "
    "[--redirect_uri REDIRECT_URI]... [--format FORMAT] [--] [<label>]\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(client_commands)

BOOST_AUTO_TEST_CASE(seed_flow_in_prod_create_list_revoke_is_byte_exact) {
    Sandbox sandbox;
    auto migrate = sandbox.run({"pim:db:migrate", "--env=prod"}, prod());
    BOOST_TEST_REQUIRE(migrate.exit_code == 0, migrate.err);

    const auto erp =
        parse_created(sandbox.run({"pim:oauth-server:create-client", "--label=ERP connector",
                                   "--grant_type=password", "--grant_type=refresh_token", "--env=prod"},
                                  prod()),
                      "ERP connector");
    const auto print = parse_created(
        sandbox.run({"pim:oauth-server:create-client", "Print catalog connection", "--env=prod"}, prod()),
        "Print catalog connection");
    BOOST_TEST(erp.id.rfind("1_", 0) == 0);
    BOOST_TEST(print.id.rfind("2_", 0) == 0);
    BOOST_TEST(erp.secret != print.secret);

    const auto list = sandbox.run({"pim:oauth-server:list-clients", "--env=prod"}, prod());
    BOOST_TEST(list.exit_code == 0);
    BOOST_TEST(list.err == "");
    BOOST_TEST(list.out == table({{erp.id, erp.secret, "ERP connector"},
                                  {print.id, print.secret, "Print catalog connection"}}));

    // Not a terminal: the default answer (yes) is taken without reading stdin.
    const auto revoke = sandbox.run({"pim:oauth-server:revoke-client", erp.id, "--env=prod"}, prod());
    BOOST_TEST(revoke.exit_code == 0);
    BOOST_TEST(revoke.err == "");
    BOOST_TEST(revoke.out ==
               "Client with public id " + erp.id + " and secret " + erp.secret + " has been revoked.\n");

    const auto after = sandbox.run({"pim:oauth-server:list-clients", "--env=prod"}, prod());
    BOOST_TEST(after.out == table({{print.id, print.secret, "Print catalog connection"}}));
}

BOOST_AUTO_TEST_CASE(no_secret_in_clear_in_the_database) {
    Sandbox sandbox;
    const auto client = create_client(sandbox, "ERP connector");
    BOOST_TEST(count_in_database(sandbox, client.secret) == 0U);
    BOOST_TEST(count_in_database(sandbox, "ERP connector") == 1U);  // the search itself works
}

BOOST_AUTO_TEST_CASE(the_database_file_is_private, *boost::unit_test::precondition(sqlite_only)) {
    Sandbox sandbox;
    (void)create_client(sandbox, "ERP connector");
    struct stat info {};
    BOOST_TEST_REQUIRE(stat(sandbox.database_file().c_str(), &info) == 0);
    BOOST_TEST((info.st_mode & 0777) == 0600);
}

BOOST_AUTO_TEST_CASE(empty_list_and_json_formats) {
    Sandbox sandbox;
    auto empty = sandbox.run({"pim:oauth-server:list-clients"});
    BOOST_TEST(empty.out == "No client is currently registered.\n");
    BOOST_TEST(empty.exit_code == 0);
    empty = sandbox.run({"pim:oauth-server:list-clients", "--format=json"});
    BOOST_TEST(empty.out == "{\"clients\":[]}\n");

    const auto created =
        sandbox.run({"pim:oauth-server:create-client", "--format=json", "--grant_type=refresh_token",
                     "--grant_type=password", "--grant_type=refresh_token",
                     "--redirect_uri=https://erp.example/cb", "ERP"});
    BOOST_TEST_REQUIRE(created.exit_code == 0, created.err);
    const auto json = boost::json::parse(created.out).as_object();
    BOOST_TEST(std::regex_match(std::string(json.at("client_id").as_string()), std::regex("1_[0-9a-z]{50}")));
    BOOST_TEST(std::regex_match(std::string(json.at("secret").as_string()), std::regex("[0-9a-z]{50}")));
    BOOST_TEST(json.at("label").as_string() == "ERP");
    BOOST_TEST(boost::json::serialize(json.at("allowed_grant_types")) == R"(["refresh_token","password"])");
    BOOST_TEST(boost::json::serialize(json.at("redirect_uris")) == R"(["https://erp.example/cb"])");
    BOOST_TEST(created.out.back() == '\n');

    const auto listed = sandbox.run({"pim:oauth-server:list-clients", "--format=json"});
    auto expected = boost::json::parse(created.out).as_object();
    expected["last_used_at"] = nullptr;  // ours: null until the client is used
    BOOST_TEST(boost::json::parse(listed.out) ==
               (boost::json::object{{"clients", boost::json::array{expected}}}));

    const auto revoked = sandbox.run(
        {"pim:oauth-server:revoke-client", std::string(json.at("client_id").as_string()), "--format=json"});
    BOOST_TEST(revoked.exit_code == 0);
    BOOST_TEST(boost::json::parse(revoked.out) ==
               boost::json::parse(R"({"client_id":")" + std::string(json.at("client_id").as_string()) +
                                  R"(","label":"ERP","revoked":true})"));
}

BOOST_AUTO_TEST_CASE(label_as_argument_option_or_both) {
    Sandbox sandbox;
    create_client(sandbox, "Positional");
    parse_created(sandbox.run({"pim:oauth-server:create-client", "--label", "Option with space"}),
                  "Option with space");
    parse_created(sandbox.run({"pim:oauth-server:create-client", "Same", "--label=Same"}), "Same");
    BOOST_TEST(client_count(sandbox) == 3U);
}

BOOST_AUTO_TEST_CASE(every_bad_input_is_refused_and_nothing_is_written) {
    Sandbox sandbox;
    struct Case {
        std::vector<std::string> args;
        std::string err;
    };
    const std::vector<Case> cases = {
        {{"pim:oauth-server:create-client"}, "Not enough arguments (missing: \"label\").\n" + create_usage},
        {{"pim:oauth-server:create-client", "A", "--label=B"},
         "The label was given twice with different values: \"A\" and --label=\"B\". Give it only once.\n"},
        {{"pim:oauth-server:create-client", "   "}, "label: This value should not be blank.\n"},
        {{"pim:oauth-server:create-client", ""}, "label: This value should not be blank.\n"},
        {{"pim:oauth-server:create-client", std::string(256, 'x')},
         "label: This value is too long. It should have 255 characters or less.\n"},
        {{"pim:oauth-server:create-client", "ERP\tconnector"},
         "label: This value should not contain control characters.\n"},
        {{"pim:oauth-server:create-client", "ERP", "--grant_type=passwordd"},
         "Invalid grant type \"passwordd\". Allowed grant types: password, refresh_token, "
         "client_credentials.\n"},
        {{"pim:oauth-server:create-client", "ERP", "--grant_type=password", "--grant_type=Password"},
         "Invalid grant type \"Password\". Allowed grant types: password, refresh_token, "
         "client_credentials.\n"},
        {{"pim:oauth-server:create-client", "ERP", "--bogus"},
         "The \"--bogus\" option does not exist.\n" + create_usage},
        {{"pim:oauth-server:create-client", "ERP", "--label"},
         "The \"--label\" option requires a value.\n" + create_usage},
        {{"pim:oauth-server:create-client", "ERP", "extra"}, "Too many arguments.\n" + create_usage},
        {{"pim:oauth-server:create-client", "ERP", "--format=xml"},
         "Unsupported format \"xml\". Supported formats: txt, json.\n"},
        {{"pim:oauth-server:list-clients", "--format=json=x"},
         "Unsupported format \"json=x\". Supported formats: txt, json.\n"},
        {{"pim:oauth-server:list-clients", "extra"},
         "Too many arguments.\nUsage: pim:oauth-server:list-clients [--unused-since UNUSED-SINCE] [--format "
         "FORMAT]\n"},
        {{"pim:oauth-server:revoke-client"},
         "Not enough arguments (missing: \"client_id\").\nUsage: pim:oauth-server:revoke-client [--format "
         "FORMAT] [--] <client_id>\n"},
    };
    for (const auto &c : cases) {
        const auto result = sandbox.run(c.args);
        BOOST_TEST_CONTEXT(c.args.front() << " " << (c.args.size() > 1 ? c.args[1] : "")) {
            BOOST_TEST(result.exit_code == 1);
            BOOST_TEST(result.out == "");
            BOOST_TEST(result.err == c.err);
        }
    }
    BOOST_TEST(client_count(sandbox) == 0U);

    const auto json = sandbox.run({"pim:oauth-server:create-client", "", "--format=json"});
    BOOST_TEST(json.exit_code == 1);
    BOOST_TEST(json.err == "");
    BOOST_TEST(
        boost::json::parse(json.out) ==
        boost::json::parse(
            R"({"error":{"status":400,"message":"Validation failed.","violations":[{"path":"label","message":"This value should not be blank."}]}})"));
    const auto usage_json = sandbox.run({"pim:oauth-server:create-client", "--format=json"});
    BOOST_TEST(
        boost::json::parse(usage_json.out) ==
        boost::json::parse(
            R"({"error":{"status":400,"message":"Not enough arguments (missing: \"label\").","violations":[]}})"));
}

BOOST_AUTO_TEST_CASE(revoke_unknown_id_exits_255_on_stdout) {
    Sandbox sandbox;
    const auto client = create_client(sandbox, "ERP");
    for (const std::string &id : std::vector<std::string>{
             "1_doesnotexist", "nounderscore", "x_" + client.id.substr(2), "2_" + client.id.substr(2),
             "99999999999999999999999_" + client.id.substr(2), "_" + client.id.substr(2)}) {
        const auto result = sandbox.run({"pim:oauth-server:revoke-client", id});
        BOOST_TEST_CONTEXT(id) {
            BOOST_TEST(result.exit_code == 255);
            BOOST_TEST(result.out == "No client found for this id.\n");
            BOOST_TEST(result.err == "");
        }
    }
    const auto json = sandbox.run({"pim:oauth-server:revoke-client", "1_nope", "--format=json"});
    BOOST_TEST(json.exit_code == 255);
    BOOST_TEST(boost::json::parse(json.out) ==
               boost::json::parse(
                   R"({"error":{"status":404,"message":"No client found for this id.","violations":[]}})"));
    BOOST_TEST(client_count(sandbox) == 1U);
}

BOOST_AUTO_TEST_CASE(revoke_matches_the_id_case_insensitively_with_leading_zeros) {
    Sandbox sandbox;
    const auto client = create_client(sandbox, "ERP");
    std::string typed = "0001_" + client.id.substr(2);
    for (auto &c : typed) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const auto result = sandbox.run({"pim:oauth-server:revoke-client", typed});
    BOOST_TEST(result.exit_code == 0);
    BOOST_TEST(result.out == "Client with public id " + client.id + " and secret " + client.secret +
                                 " has been revoked.\n");
}

BOOST_AUTO_TEST_CASE(revoke_asks_when_interactive_and_no_cancels) {
    Sandbox sandbox;
    const auto client = create_client(sandbox, "ERP");
    ProcessOptions shell;
    shell.set_env["SHELL_INTERACTIVE"] = "";
    for (const std::string &answer : std::vector<std::string>{"n\n", "no\n", "nope", " N \n", "x\n"}) {
        shell.input = answer;
        const auto result = sandbox.run({"pim:oauth-server:revoke-client", client.id}, shell);
        BOOST_TEST_CONTEXT(answer) {
            BOOST_TEST(result.exit_code == 0);
            BOOST_TEST(result.err == revoke_question);
            BOOST_TEST(result.out == "Client revocation cancelled.\n");
        }
    }
    BOOST_TEST(client_count(sandbox) == 1U);

    shell.input = "";
    const auto aborted = sandbox.run({"pim:oauth-server:revoke-client", client.id}, shell);
    BOOST_TEST(aborted.exit_code == 1);
    BOOST_TEST(aborted.out == "");
    BOOST_TEST(aborted.err == revoke_question + "\nAborted\n");  // Aborted on a line of its own
    BOOST_TEST(client_count(sandbox) == 1U);

    for (const std::string &answer : std::vector<std::string>{"\n", "Yeah\r\n"}) {
        const auto other = create_client(sandbox, "Other");
        shell.input = answer;
        const auto result = sandbox.run({"pim:oauth-server:revoke-client", other.id}, shell);
        BOOST_TEST(result.exit_code == 0);
        BOOST_TEST(result.err == revoke_question);
        BOOST_TEST(result.out == "Client with public id " + other.id + " and secret " + other.secret +
                                     " has been revoked.\n");
    }
}

BOOST_AUTO_TEST_CASE(revoke_without_a_terminal_or_with_n_or_q_takes_the_default_yes) {
    Sandbox sandbox;
    ProcessOptions piped;
    piped.input = "n\n";  // echo n | pim-host ... revokes (reference behaviour)
    const auto a = create_client(sandbox, "A");
    auto result = sandbox.run({"pim:oauth-server:revoke-client", a.id}, piped);
    BOOST_TEST(result.exit_code == 0);
    BOOST_TEST(result.err == "");
    BOOST_TEST(result.out.find("has been revoked.") != std::string::npos);

    ProcessOptions shell;
    shell.set_env["SHELL_INTERACTIVE"] = "1";
    shell.input = "n\n";
    const auto b = create_client(sandbox, "B");
    result = sandbox.run({"pim:oauth-server:revoke-client", "-n", b.id}, shell);
    BOOST_TEST(result.exit_code == 0);
    BOOST_TEST(result.out ==
               "Client with public id " + b.id + " and secret " + b.secret + " has been revoked.\n");

    const auto c = create_client(sandbox, "C");
    result = sandbox.run({"pim:oauth-server:revoke-client", c.id, "-q"}, shell);
    BOOST_TEST(result.exit_code == 0);
    BOOST_TEST(result.out == "");
    BOOST_TEST(result.err == "");
    BOOST_TEST(client_count(sandbox) == 0U);

    // -q hides results, not errors, and keeps exit codes.
    result = sandbox.run({"pim:oauth-server:revoke-client", "1_gone", "-q"});
    BOOST_TEST(result.exit_code == 255);
    BOOST_TEST(result.out == "");
}

// console-commands.md §2.2: headers in green on a terminal, and a wide
// East-Asian character counts two columns (日本: 4 columns in 6 bytes).
BOOST_AUTO_TEST_CASE(on_a_terminal_list_clients_shows_green_headers_and_counts_wide_characters) {
    Sandbox sandbox;
    const std::string wide = "\xE6\x97\xA5\xE6\x9C\xAC ERP";  // 日本 ERP: 8 columns
    const auto client = create_client(sandbox, wide);
    const auto other = create_client(sandbox, "Print catalog");  // 13 columns: the label column's width
    ProcessOptions tty;
    tty.pty = true;
    const auto result = sandbox.run({"pim:oauth-server:list-clients"}, tty);
    BOOST_TEST(result.exit_code == 0);
    std::string expected =
        table({{client.id, client.secret, wide}, {other.id, other.secret, "Print catalog"}});
    // table() pads by bytes: the wide label's 10 bytes take 8 columns, so 5 spaces, not 3.
    const std::string padded_by_bytes = wide + std::string(3, ' ') + " |";
    expected.replace(expected.find(padded_by_bytes), padded_by_bytes.size(),
                     wide + std::string(5, ' ') + " |");
    for (const std::string &header : std::vector<std::string>{"client id", "secret", "label"})
        expected.replace(expected.find("| " + header) + 2, header.size(), "\033[32m" + header + "\033[39m");
    for (std::size_t at = 0; (at = expected.find('\n', at)) != std::string::npos; at += 2)
        expected.insert(at, "\r");
    BOOST_TEST(result.out == expected);
}

BOOST_AUTO_TEST_CASE(on_a_terminal_revoke_asks_and_shows_values_in_green) {
    Sandbox sandbox;
    const auto client = create_client(sandbox, "ERP");
    ProcessOptions tty;
    tty.pty = true;
    tty.dialogue = {{"(Y/n)", "y\r"}};
    const auto result = sandbox.run({"pim:oauth-server:revoke-client", client.id}, tty);
    BOOST_TEST(result.exit_code == 0);
    BOOST_TEST(result.out == revoke_question + "y\r\nClient with public id \033[32m" + client.id +
                                 "\033[39m and secret \033[32m" + client.secret +
                                 "\033[39m has been revoked.\r\n");

    const auto plain = create_client(sandbox, "Plain");
    tty.args.clear();
    const auto no_ansi = sandbox.run({"pim:oauth-server:revoke-client", plain.id, "--no-ansi"}, tty);
    BOOST_TEST(no_ansi.out == revoke_question + "y\r\nClient with public id " + plain.id + " and secret " +
                                  plain.secret + " has been revoked.\r\n");
}

BOOST_AUTO_TEST_SUITE_END()
