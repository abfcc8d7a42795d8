#include "console/command_spec.hpp"
#include "domain/errors.hpp"

#include <boost/test/unit_test.hpp>

namespace {

const pim::CommandSpec create_client{
    "pim:oauth-server:create-client",
    "Creates a new pair of client id / secret for the web API",
    {},
    {{"label", pim::ArgumentSpec::Mode::optional, "The client label"}},
    {{"label", pim::OptionSpec::Value::required, false, "Sets the client label"},
     {"grant_type", pim::OptionSpec::Value::required, true, "Sets allowed grant type for client."},
     {"redirect_uri", pim::OptionSpec::Value::required, true, "Sets redirect uri for client."}}};

const pim::CommandSpec user_create{"pim:user:create",
                                   "Creates a PIM user.",
                                   {},
                                   {{"username", pim::ArgumentSpec::Mode::optional, ""},
                                    {"password", pim::ArgumentSpec::Mode::optional, ""},
                                    {"email", pim::ArgumentSpec::Mode::optional, ""}},
                                   {{"admin", pim::OptionSpec::Value::none, false, ""},
                                    {"auditable", pim::OptionSpec::Value::optional, false, ""}}};

const pim::CommandSpec grant{
    "pim:role:grant",
    "",
    {},
    {{"role", pim::ArgumentSpec::Mode::required, ""}, {"acl-id", pim::ArgumentSpec::Mode::required_list, ""}},
    {}};

std::string usage_error(const pim::CommandSpec &spec, const std::vector<std::string> &argv) {
    try {
        (void)pim::parse_input(spec, argv);
    } catch (const pim::UsageError &e) {
        return e.what();
    }
    return "no error";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(command_spec)

BOOST_AUTO_TEST_CASE(synopsis_matches_the_spec) {
    BOOST_TEST(create_client.synopsis() ==
               "pim:oauth-server:create-client [--label LABEL] [--grant_type GRANT_TYPE]... [--redirect_uri "
               "REDIRECT_URI]... "
               "[--format FORMAT] [--] [<label>]");
    BOOST_TEST(user_create.synopsis() ==
               "pim:user:create [--admin] [--auditable[=AUDITABLE]] [--format FORMAT] [--] [<username> "
               "[<password> [<email>]]]");
    BOOST_TEST(grant.synopsis() == "pim:role:grant [--format FORMAT] [--] <role> <acl-id>...");
}

BOOST_AUTO_TEST_CASE(values_in_both_option_styles_and_repeated) {
    const auto input = pim::parse_input(
        create_client, {"--label", "A B", "--grant_type=password", "--grant_type", "refresh_token"});
    BOOST_TEST(input.option("label").value() == "A B");
    BOOST_TEST((input.options("grant_type") == std::vector<std::string>{"password", "refresh_token"}));
    BOOST_TEST(!input.argument("label").has_value());
    const auto after_dashes = pim::parse_input(create_client, {"--", "--label"});
    BOOST_TEST(after_dashes.argument("label").value() == "--label");
    const auto list = pim::parse_input(grant, {"ROLE_X", "a", "b", "c"});
    BOOST_TEST(list.arguments("acl-id").size() == 3U);
    const auto flags = pim::parse_input(user_create, {"--admin", "--auditable", "kbeck"});
    BOOST_TEST(flags.has_option("admin"));
    BOOST_TEST(flags.option("auditable").value() == "kbeck");  // Symfony takes the next non-option token
    BOOST_TEST(!flags.argument("username").has_value());
    BOOST_TEST(pim::parse_input(user_create, {"--auditable=0"}).option("auditable").value() == "0");
    BOOST_TEST(pim::parse_input(create_client, {"--label="}).option("label").value() == "");
}

BOOST_AUTO_TEST_CASE(symfony_error_messages) {
    BOOST_TEST(usage_error(create_client, {"--nope"}) == "The \"--nope\" option does not exist.");
    BOOST_TEST(usage_error(create_client, {"-x"}) == "The \"-x\" option does not exist.");
    BOOST_TEST(usage_error(create_client, {"--label"}) == "The \"--label\" option requires a value.");
    BOOST_TEST(usage_error(create_client, {"--label", "--grant_type=password"}) ==
               "The \"--label\" option requires a value.");
    BOOST_TEST(usage_error(user_create, {"--admin=yes"}) ==
               "The \"--admin\" option does not accept a value.");
    BOOST_TEST(usage_error(create_client, {"a", "b"}) == "Too many arguments.");
    BOOST_TEST(usage_error(grant, {}) == "Not enough arguments (missing: \"role, acl-id\").");
    BOOST_TEST(usage_error(grant, {"ROLE_X"}) == "Not enough arguments (missing: \"acl-id\").");
}

BOOST_AUTO_TEST_CASE(format_is_found_before_parsing) {
    BOOST_TEST(pim::find_format_option({"x", "--format=json"}).value() == "json");
    BOOST_TEST(pim::find_format_option({"--format", "json", "--bogus"}).value() == "json");
    BOOST_TEST(!pim::find_format_option({"--", "--format=json"}).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
