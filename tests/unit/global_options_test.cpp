#include "cli/global_options.hpp"
#include "host_error.hpp"

#include <boost/test/unit_test.hpp>

using pim::host::parse_global_options;

namespace {
std::string error_of(const std::vector<std::string> &args) {
    try {
        (void)parse_global_options(args);
    } catch (const pim::host::CommandLineError &e) {
        return e.what();
    }
    return "no error";
}
}  // namespace

BOOST_AUTO_TEST_SUITE(global_options)

BOOST_AUTO_TEST_CASE(host_options_anywhere_before_dashes) {
    const auto o = parse_global_options({"pim:oauth-server:create-client", "--label", "ERP", "-n",
                                         "--env=prod", "--grant_type=password", "-vv", "-q", "--no-ansi"});
    BOOST_TEST(o.command == "pim:oauth-server:create-client");
    BOOST_TEST((o.command_args == std::vector<std::string>{"--label", "ERP", "--grant_type=password"}));
    BOOST_TEST(o.env.value() == "prod");
    BOOST_TEST(o.no_interaction);
    BOOST_TEST(o.quiet);
    BOOST_TEST(o.no_ansi);
    BOOST_TEST(o.verbosity == 2);
}

BOOST_AUTO_TEST_CASE(version_in_both_forms) {
    BOOST_TEST(parse_global_options({"--version"}).version);
    BOOST_TEST(parse_global_options({"-V"}).version);
    BOOST_TEST(!parse_global_options({"list"}).version);
}

BOOST_AUTO_TEST_CASE(short_forms_and_values) {
    const auto o =
        parse_global_options({"-e", "prod", "list", "--config-dir", "/etc/x", "--plugins-dir=/p", "-h"});
    BOOST_TEST(o.env.value() == "prod");
    BOOST_TEST(o.command == "list");
    BOOST_TEST(o.config_dir.value() == "/etc/x");
    BOOST_TEST(o.plugins_dir.value() == "/p");
    BOOST_TEST(o.help);
    BOOST_TEST(parse_global_options({"-eprod"}).env.value() == "prod");
}

BOOST_AUTO_TEST_CASE(after_dashes_everything_belongs_to_the_command) {
    const auto o = parse_global_options({"pim:user:create", "--", "-n", "--env=prod", "-"});
    BOOST_TEST((o.command_args == std::vector<std::string>{"--", "-n", "--env=prod", "-"}));
    BOOST_TEST(!o.no_interaction);
    BOOST_TEST(!o.env.has_value());
    const auto stdin_arg = parse_global_options({"hook", "x.y", "-"});
    BOOST_TEST((stdin_arg.command_args == std::vector<std::string>{"x.y", "-"}));
}

BOOST_AUTO_TEST_CASE(no_guessing_and_symfony_errors) {
    BOOST_TEST(error_of({"list", "--env"}) == "The \"--env\" option requires a value.");
    BOOST_TEST(error_of({"list", "-e"}) == "The \"--env\" option requires a value.");
    BOOST_TEST(error_of({"list", "--quiet=1"}) == "The \"--quiet\" option does not accept a value.");
    const auto o = parse_global_options({"list", "--en=prod", "--no"});  // prefixes are not host options
    BOOST_TEST((o.command_args == std::vector<std::string>{"--en=prod", "--no"}));
}

BOOST_AUTO_TEST_SUITE_END()
