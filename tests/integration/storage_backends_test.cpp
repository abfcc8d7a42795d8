// What the three backends must agree on, beyond the other suites: byte order
// and byte equality of keys whatever the server's collation, and lookups
// with text no row can hold. Runs against SQLite, PostgreSQL and MariaDB.
#include "support/sandbox.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

using namespace pim::test;

namespace {

void expect_run(const Sandbox &sandbox, const std::vector<std::string> &args, int exit_code,
                const std::string &out, const std::string &err) {
    const auto result = sandbox.run(args);
    BOOST_TEST(result.exit_code == exit_code, args.front());
    BOOST_TEST(result.out == out);
    BOOST_TEST(result.err == err);
}

void run_ok(const Sandbox &sandbox, const std::vector<std::string> &args) {
    const auto result = sandbox.run(args);
    BOOST_TEST_REQUIRE(result.exit_code == 0, args.front() + ": " + result.err + result.out);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(storage_backends)

// PostgreSQL's test cluster collates linguistically (ICU en-US): '_' before letters.
BOOST_AUTO_TEST_CASE(role_codes_come_in_byte_order) {
    Sandbox sandbox;
    run_ok(sandbox, {"pim:user:create", "bob", "bobPassword1", "bob@example.com", "Bob", "B", "en_US", "-n"});
    for (const char *label : {"A_B", "AB"}) run_ok(sandbox, {"pim:role:create", label});
    for (const char *code : {"ROLE_A_B", "ROLE_AB"}) run_ok(sandbox, {"pim:user:add-role", "bob", code});
    const auto list = sandbox.run({"pim:user:list", "--format=json"});
    BOOST_TEST(boost::json::serialize(boost::json::parse(list.out).at("users").at(0).at("roles")) ==
               R"(["ROLE_AB","ROLE_A_B","ROLE_USER"])");
}

// MariaDB's *_bin collations ignore trailing spaces; the keys must not.
BOOST_AUTO_TEST_CASE(usernames_differing_by_a_trailing_space_are_two_users) {
    Sandbox sandbox;
    run_ok(sandbox, {"pim:user:create", "bob", "bobPassword1", "bob@example.com", "Bob", "B", "en_US", "-n"});
    expect_run(sandbox,
               {"pim:user:create", "bob ", "bobPassword2", "bob2@example.com", "Bob", "B", "en_US", "-n"}, 0,
               "User bob  has been created.\n", "");
    run_ok(sandbox, {"pim:user:add-role", "bob ", "ROLE_ADMINISTRATOR"});
    const auto users = boost::json::parse(sandbox.run({"pim:user:list", "--format=json"}).out).at("users");
    BOOST_TEST_REQUIRE(users.as_array().size() == 2U);
    BOOST_TEST(users.at(0).at("roles").as_array().size() == 1U);  // bob: ROLE_USER only
    BOOST_TEST(users.at(1).at("username").as_string() == "bob ");
}

// Non-ASCII and invalid UTF-8 keys find nothing: MariaDB refused to compare
// non-ASCII text with an ascii column, PostgreSQL refuses invalid UTF-8.
BOOST_AUTO_TEST_CASE(lookups_with_text_no_row_can_hold_find_nothing) {
    Sandbox sandbox;
    run_ok(sandbox, {"pim:db:migrate"});
    expect_run(sandbox, {"pim:role:grant", "ROLE_\xc3\x89", "pim_api_overall_access"}, 1, "",
               "Role \"ROLE_\xc3\x89\" does not exist.\n");
    expect_run(sandbox, {"pim:role:grant", "ROLE_\xff", "pim_api_overall_access"}, 1, "",
               "Role \"ROLE_\xff\" does not exist.\n");
    expect_run(sandbox, {"pim:oauth-server:revoke-client", "1_\xc3\xa9", "-n"}, 255,
               "No client found for this id.\n", "");
    expect_run(sandbox, {"pim:oauth-server:revoke-client", "1_\xff", "-n"}, 255,
               "No client found for this id.\n", "");
    expect_run(sandbox, {"pim:user:add-role", "bo\xff", "ROLE_USER"}, 1, "",
               "User \"bo\xff\" does not exist.\n");
}

BOOST_AUTO_TEST_SUITE_END()
