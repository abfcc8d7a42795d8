// pim-host's own console: list, help, unknown commands, host options.
#include "support/sandbox.hpp"

#include <pim/plugin_abi.h>
#include <boost/test/unit_test.hpp>

#include <string>

using namespace pim::test;

BOOST_AUTO_TEST_SUITE(host_console)

BOOST_AUTO_TEST_CASE(no_command_lists_commands_grouped_by_namespace) {
    Sandbox sandbox;
    const auto bare = sandbox.run({});
    const auto list = sandbox.run({"list"});
    BOOST_TEST(bare.exit_code == 0);
    BOOST_TEST(bare.out == list.out);
    const std::string expected_commands =
        "Available commands:\n"
        "  help                                Display help for a command\n"
        "  hook                                Invokes an admin hook with a JSON request\n"
        "  hooks                               Lists the registered admin hooks\n"
        "  list                                List commands\n"
        "  plugins                             Lists the loaded plugins\n"
        "  serve                               Serves the plugins' HTTP routes and a sample catalog API "
        "(development)\n"
        " pim\n"
        "  pim:acl:list                        Lists the Web API permissions\n"
        "  pim:connection:audit                Shows a connection's last use, its calls per hour and day, "
        "and its security events\n"
        "  pim:connection:create               Creates a connection: an API user, its role and a client\n"
        "  pim:db:migrate                      Applies pending database schema migrations\n"
        "  pim:oauth-server:allow-introspect   Allows a client to introspect tokens (RFC 7662), or denies it "
        "with "
        "--deny\n"
        "  pim:oauth-server:audit              Shows a client's last use, its calls per hour and day, and "
        "its security events\n"
        "  pim:oauth-server:clean              Clean expired tokens\n"
        "  pim:oauth-server:create-client      Creates a new pair of client id / secret for the web API\n"
        "  pim:oauth-server:list-clients       Lists all existing pairs of client id / secret for the web "
        "API\n"
        "  pim:oauth-server:regenerate-secret  Generates a new secret for a client and revokes all its "
        "tokens\n"
        "  pim:oauth-server:revoke-client      This command revokes a pair of client id / secret\n"
        "  pim:role:create                     Creates a role\n"
        "  pim:role:deny                       Removes Web API permissions from a role\n"
        "  pim:role:grant                      Grants Web API permissions to a role\n"
        "  pim:role:list                       Lists the roles\n"
        "  pim:secret-key:rotate               Re-encrypts the client secrets with a new secret key (old key "
        "in "
        "PIM_OLD_SECRET_KEY)\n"
        "  pim:user:add-role                   Adds a role to a user\n"
        "  pim:user:create                     Creates a PIM user.\n"
        "  pim:user:list                       Lists the users\n";
    const auto section = list.out.find("Available commands:\n");
    BOOST_TEST_REQUIRE(section != std::string::npos, list.out);
    BOOST_TEST(list.out.substr(section) == expected_commands);
    const auto ns = sandbox.run({"list", "pim"});
    BOOST_TEST(ns.out.rfind("Available commands for the \"pim\" namespace:\n  pim:acl:list ", 0) == 0,
               ns.out);
    const auto bad_ns = sandbox.run({"list", "nope"});
    BOOST_TEST(bad_ns.exit_code == 1);
    BOOST_TEST(bad_ns.err == "There are no commands defined in the \"nope\" namespace.\n");
}

// Scripts ask which host and ABI they run against, from any directory:
// no configuration is read and no plugin loaded.
BOOST_AUTO_TEST_CASE(version_answers_without_a_project) {
    Sandbox sandbox;
    const std::string expected = "pim-host " PIM_TEST_HOST_VERSION " (plugin ABI " +
                                 std::to_string(PIM_PLUGIN_ABI_MAJOR) + "." +
                                 std::to_string(PIM_PLUGIN_ABI_MINOR) + ")\n";
    for (const char *flag : {"--version", "-V"}) {
        const auto result = sandbox.run({flag, "--config-dir=/nonexistent", "--plugins-dir=/nonexistent"});
        BOOST_TEST(result.exit_code == 0, result.err);
        BOOST_TEST(result.out == expected);
    }
    BOOST_TEST(sandbox.run({}).out.find("  -V, --version           Display this application version\n") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(unknown_commands_suggest_close_ones) {
    Sandbox sandbox;
    const auto result = sandbox.run({"pim:oauth-server:revoke-clint", "x"});
    BOOST_TEST(result.exit_code == 1);
    BOOST_TEST(result.out == "");
    BOOST_TEST(
        result.err.rfind("Command \"pim:oauth-server:revoke-clint\" is not defined.\n\nDid you mean", 0) == 0,
        result.err);
    BOOST_TEST(result.err.find("\n    pim:oauth-server:revoke-client\n") != std::string::npos);
    const auto far = sandbox.run({"frobnicate"});
    BOOST_TEST(far.err == "Command \"frobnicate\" is not defined.\n");
}

BOOST_AUTO_TEST_CASE(help_for_a_plugin_command) {
    Sandbox sandbox;
    const auto help = sandbox.run({"help", "pim:oauth-server:revoke-client"});
    BOOST_TEST(help.exit_code == 0);
    BOOST_TEST(help.out.rfind(
                   "Description:\n  This command revokes a pair of client id / secret\n\n"
                   "Usage:\n  pim:oauth-server:revoke-client [--format FORMAT] [--] <client_id>\n\n"
                   "Arguments:\n  client_id  The client id to revoke.\n\n"
                   "Options:\n      --format=FORMAT  The output format (txt or json) [default: \"txt\"]\n\n"
                   "Global options:\n  -h, --help ",
                   0) == 0,
               help.out);
    const auto dash_h = sandbox.run({"pim:oauth-server:revoke-client", "-h"});
    BOOST_TEST(dash_h.out == help.out);
    const auto unknown = sandbox.run({"help", "nope"});
    BOOST_TEST(unknown.exit_code == 1);
    BOOST_TEST(unknown.err == "Command \"nope\" is not defined.\n");
}

BOOST_AUTO_TEST_CASE(host_options_are_accepted_anywhere) {
    Sandbox sandbox;
    auto result =
        sandbox.run({"-n", "pim:oauth-server:create-client", "-e", "dev", "ERP", "-v", "--no-ansi"});
    BOOST_TEST(result.exit_code == 0, result.err);
    BOOST_TEST(result.out.rfind("A new client has been added.\n", 0) == 0);
    result = sandbox.run({"list", "--env"});
    BOOST_TEST(result.exit_code == 1);
    BOOST_TEST(result.err == "The \"--env\" option requires a value.\n");
    result = sandbox.run({"hooks", "--what"});
    BOOST_TEST(result.err == "The \"--what\" option does not exist.\n");
    result = sandbox.run({"hooks", "-q"});
    BOOST_TEST(result.out == "");
    BOOST_TEST(result.exit_code == 0);
}

BOOST_AUTO_TEST_SUITE_END()
