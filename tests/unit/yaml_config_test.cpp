#include "config/yaml_config.hpp"
#include "host_error.hpp"
#include "support/sandbox.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <fstream>

using pim::host::HostError;
using pim::host::YamlConfig;

namespace {

std::string load_error(const std::string &yaml) {
    pim::test::TempDir dir;
    const auto file = dir.path() / "dev.yaml";
    std::ofstream(file) << yaml;
    try {
        (void)YamlConfig::load(file);
    } catch (const HostError &e) {
        const std::string message = e.what();
        const std::string prefix = file.string();
        return message.rfind(prefix, 0) == 0 ? "FILE" + message.substr(prefix.size()) : message;
    }
    return "no error";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(yaml_config)

BOOST_AUTO_TEST_CASE(flattens_with_locations) {
    pim::test::TempDir dir;
    const auto file = dir.path() / "dev.yaml";
    std::ofstream(file) << "# comment\noauth:\n  access_token_lifetime: 60\n  list: [a, b]\nempty:\n";
    const auto config = YamlConfig::load(file);
    const auto *lifetime = config.find("oauth.access_token_lifetime");
    BOOST_TEST_REQUIRE(lifetime != nullptr);
    BOOST_TEST(lifetime->text == "60");
    BOOST_TEST(lifetime->location == file.string() + ":3");
    BOOST_TEST((config.find("oauth")->kind == pim::host::ConfigNode::Kind::map));
    BOOST_TEST((config.find("oauth.list")->kind == pim::host::ConfigNode::Kind::sequence));
    BOOST_TEST(config.find("oauth.list[1]")->text == "b");
    BOOST_TEST((config.find("empty")->kind == pim::host::ConfigNode::Kind::null));
    BOOST_TEST(config.find("missing") == nullptr);
    BOOST_TEST(config.find("")->children.size() == 2U);
}

BOOST_AUTO_TEST_CASE(errors_name_file_and_line) {
    BOOST_TEST(load_error("a: 1\nb: [1, 2\n").rfind("FILE:", 0) == 0);
    BOOST_TEST(load_error("a:\n  b: 1\n   c: 2\n").rfind("FILE:3: invalid YAML: ", 0) == 0);
    BOOST_TEST(load_error("a: 1\na: 2\n") == "FILE:2: duplicate key \"a\". Keep only one.");
    BOOST_TEST(load_error("- 1\n- 2\n") ==
               "FILE: the configuration must be a map of keys (e.g. \"database:\"), not a list.");
    BOOST_TEST(load_error("x:\n  a.b: 1\n") ==
               "FILE:2: invalid key \"a.b\" (keys are non-empty and contain no dot). Rename it.");
}

BOOST_AUTO_TEST_CASE(variables_expand_with_defaults) {
    setenv("PIM_TEST_VAR", "value", 1);
    unsetenv("PIM_TEST_UNSET");
    setenv("PIM_TEST_EMPTY", "", 1);
    using pim::host::expand_variables;
    BOOST_TEST(expand_variables("a-${PIM_TEST_VAR}-b", "f:1", "k") == "a-value-b");
    BOOST_TEST(expand_variables("${PIM_TEST_UNSET:-fallback}", "f:1", "k") == "fallback");
    BOOST_TEST(expand_variables("${PIM_TEST_EMPTY:-fallback}", "f:1", "k") == "fallback");
    BOOST_TEST(expand_variables("${PIM_TEST_EMPTY}", "f:1", "k") == "");
    BOOST_TEST(expand_variables("$$x $5 $", "f:1", "k") == "$x $5 $");
    BOOST_CHECK_EXCEPTION((void)expand_variables("${PIM_TEST_UNSET}", "f:7", "database.url"), HostError,
                          [](const HostError &e) {
                              return std::string(e.what()) ==
                                     "f:7: environment variable PIM_TEST_UNSET is not set (used by "
                                     "database.url). Set it, or give a default: ${PIM_TEST_UNSET:-value}.";
                          });
    BOOST_CHECK_THROW((void)expand_variables("${PIM_TEST_VAR", "f:1", "k"), HostError);
    BOOST_CHECK_THROW((void)expand_variables("${BAD NAME}", "f:1", "k"), HostError);
    BOOST_TEST(load_error("a: ${PIM_TEST_UNSET}\n")
                   .rfind("FILE:1: environment variable PIM_TEST_UNSET is not set", 0) == 0);
}

// Found by tests/fuzz/fuzz_yaml_config: an alias inside the node it refers
// to made the flattening recurse until the stack overflowed (pim-host crashed
// with SIGSEGV), and aliases of aliases made it expand exponentially.
BOOST_AUTO_TEST_CASE(aliases_cannot_make_endless_or_huge_trees) {
    BOOST_TEST(
        load_error("a: &d\n  b: *d\n") ==
        "FILE:1: nested more than 64 levels deep (an alias inside the node it refers to?). Fix the YAML.");
    BOOST_TEST(load_error("a: &d [*d]\n").rfind("FILE:1: nested more than 64 levels deep", 0) == 0);
    std::string laughs = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 10; ++i) {
        const std::string previous = "*l" + std::to_string(i - 1);
        laughs += "l" + std::to_string(i) + ": &l" + std::to_string(i) + " [" + previous;
        for (int j = 1; j < 10; ++j) laughs += ", " + previous;
        laughs += "]\n";
    }
    BOOST_TEST(load_error(laughs) ==
               "FILE: more than 100000 values (aliases repeated inside aliases?). Fix the YAML.");

    pim::test::TempDir dir;
    const auto file = dir.path() / "dev.yaml";
    std::ofstream(file) << "defaults: &d\n  lifetime: 60\noauth: *d\nother: [*d, *d]\n";
    const auto config = YamlConfig::load(file);
    BOOST_TEST(config.find("oauth.lifetime")->text == "60");
    BOOST_TEST(config.find("other[1].lifetime")->text == "60");
}

BOOST_AUTO_TEST_SUITE_END()
