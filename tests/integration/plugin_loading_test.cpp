// A plain C plugin loads and works; every broken plugin is refused with a
// message naming its file, exit code 1, never a crash.
#include "support/sandbox.hpp"

#include "pim/plugin_abi.h"

#include <boost/test/unit_test.hpp>

using namespace pim::test;
namespace fs = std::filesystem;

namespace {

fs::path test_plugin(const std::string &name) {
    return test_plugins_dir() / name / ("lib" + name + ".so");
}

fs::path only(const std::string &plugin_name) {
    return test_plugins_dir() / plugin_name;
}

// A plugins directory made of links, in the order of `files`.
fs::path plugins_dir_of(const Sandbox &sandbox, const std::vector<fs::path> &files) {
    const fs::path dir = sandbox.root() / "plugins";
    fs::create_directories(dir);
    int index = 10;
    for (const auto &file : files)
        fs::create_symlink(file, dir / (std::to_string(index++) + "-" + file.filename().string()));
    return dir;
}

void expect_refused(const ProcessResult &result, const std::string &expected_err) {
    BOOST_TEST(!result.signaled);
    BOOST_TEST(result.exit_code == 1);
    BOOST_TEST(result.out == "");
    BOOST_TEST(result.err == expected_err);
}

}  // namespace

namespace {
// The test plugins are built with the current header: their ABI is the host's.
const std::string minor_now = std::to_string(PIM_PLUGIN_ABI_MINOR);
const std::string abi_now = std::to_string(PIM_PLUGIN_ABI_MAJOR) + "." + minor_now;
}  // namespace

BOOST_AUTO_TEST_SUITE(plugin_loading)

BOOST_AUTO_TEST_CASE(a_plain_c_plugin_registers_a_command_and_a_hook) {
    Sandbox sandbox(only("example_c"));
    sandbox.write_config("dev", "example:\n  greeting: Bonjour\n");
    const auto list = sandbox.run({"list"});
    BOOST_TEST(list.exit_code == 0, list.err);
    BOOST_TEST(list.out.find(" example\n  example:hello  Greets someone (from a plugin written in C)\n") !=
                   std::string::npos,
               list.out);
    const auto hello = sandbox.run({"example:hello", "Ada"});
    BOOST_TEST(hello.exit_code == 0);
    BOOST_TEST(hello.out == "Bonjour, Ada!\n");
    const auto hooks = sandbox.run({"hooks"});
    BOOST_TEST(hooks.out ==
               "Available admin hooks:\n  example.echo  Returns the request inside {\"echo\": ...}\n");
    auto hook = sandbox.run({"hook", "example.echo", R"({"label":"ERP"})"});
    BOOST_TEST(hook.exit_code == 0);
    BOOST_TEST(hook.out == "{\"echo\":{\"label\":\"ERP\"}}\n");
    ProcessOptions stdin_json;
    stdin_json.input = R"({"from":"stdin"})";
    hook = sandbox.run({"hook", "example.echo", "-"}, stdin_json);
    BOOST_TEST(hook.out == "{\"echo\":{\"from\":\"stdin\"}}\n");
    hook = sandbox.run({"hook", "example.echo"});
    BOOST_TEST(hook.out == "{\"echo\":{}}\n");
    hook = sandbox.run({"hook", "example.echo", "not json"});
    BOOST_TEST(hook.exit_code == 1);
    BOOST_TEST(
        hook.out ==
        "{\"error\":{\"status\":400,\"message\":\"Invalid json message received\",\"violations\":[]}}\n");
    hook = sandbox.run({"hook", "example.ecko"});
    BOOST_TEST(hook.exit_code == 1);
    BOOST_TEST(hook.err ==
               "Hook \"example.ecko\" is not defined. Did you mean \"example.echo\"? Run \"pim-host hooks\" "
               "to see them all.\n");
    hook = sandbox.run({"hook"});
    BOOST_TEST(hook.err == "Not enough arguments (missing: \"name\").\n");
    const auto help = sandbox.run({"help", "example:hello"});
    BOOST_TEST(help.out.rfind("Description:\n  Greets someone (from a plugin written in C)\n\nUsage:\n  "
                              "example:hello [<name>]\n\n"
                              "Arguments:\n  name  Who to greet [default: \"world\"]\n\nGlobal options:\n",
                              0) == 0,
               help.out);
    const auto plugins = sandbox.run({"plugins"});
    BOOST_TEST(plugins.out ==
               "example-c 1.0.0 (ABI " + abi_now + ") " + test_plugin("example_c").string() + "\n");
}

BOOST_AUTO_TEST_CASE(the_c_plugin_and_pim_oauth_load_side_by_side) {
    Sandbox sandbox;
    sandbox.plugins = plugins_dir_of(sandbox, {test_plugin("example_c"), plugins_dir() / "libpim_oauth.so"});
    const auto list = sandbox.run({"list"});
    BOOST_TEST(list.exit_code == 0, list.err);
    BOOST_TEST(list.out.find("example:hello") != std::string::npos);
    BOOST_TEST(list.out.find("pim:oauth-server:create-client") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(broken_plugins_are_refused_with_a_message_naming_the_file) {
    const std::string refused = "Refused plugin ";
    struct Case {
        std::string plugin;
        std::string reason;
    };
    const std::vector<Case> cases = {
        {"broken_bad_magic",
         ": not a pim-host plugin descriptor (magic 0xDEADBEEF, expected 0x50494D50). Rebuild it against "
         "pim/plugin_abi.h or "
         "remove it from the plugins directory.\n"},
        {"broken_other_major", ": built for plugin ABI 2." + minor_now + ", this host implements ABI " +
                                   abi_now +
                                   " and the major versions must match. "
                                   "Rebuild the plugin "
                                   "against this host's pim/plugin_abi.h.\n"},
        {"broken_needs_newer_minor", ": it needs plugin ABI 1." + std::to_string(PIM_PLUGIN_ABI_MINOR + 5) +
                                         " or newer, this host implements ABI " + abi_now +
                                         ". Upgrade pim-host or use an older "
                                         "build of the "
                                         "plugin.\n"},
        {"broken_no_entry",
         ": it exports no pim_plugin_entry symbol, so it is not a pim-host plugin. Remove it from the "
         "plugins directory.\n"},
        {"broken_init_error", ": its init failed (status 7): the licence file is missing\n"},
    };
    for (const auto &c : cases) {
        const Sandbox sandbox(only(c.plugin));
        BOOST_TEST_CONTEXT(c.plugin) {
            expect_refused(sandbox.run({"list"}), refused + test_plugin(c.plugin).string() + c.reason);
        }
    }
    const Sandbox text(only("not_a_library"));
    const auto result = text.run({"list"});
    BOOST_TEST(result.exit_code == 1);
    BOOST_TEST(!result.signaled);
    BOOST_TEST(
        result.err.rfind(refused + test_plugin("not_a_library").string() + ": it cannot be loaded (", 0) == 0,
        result.err);
}

BOOST_AUTO_TEST_CASE(a_duplicate_command_name_refuses_the_second_plugin) {
    Sandbox sandbox;
    sandbox.plugins =
        plugins_dir_of(sandbox, {plugins_dir() / "libpim_oauth.so", test_plugin("broken_duplicate_command")});
    const fs::path second = sandbox.plugins / "11-libbroken_duplicate_command.so";
    expect_refused(sandbox.run({"list"}),
                   "Refused plugin " + second.string() +
                       ": its init failed (status 2): command \"pim:oauth-server:list-clients\" is "
                       "already registered by plugin pim-oauth (" +
                       (sandbox.plugins / "10-libpim_oauth.so").string() + ")\n");
}

BOOST_AUTO_TEST_CASE(two_copies_of_one_plugin_are_refused) {
    Sandbox sandbox;
    sandbox.plugins = plugins_dir_of(sandbox, {test_plugin("example_c"), test_plugin("example_c")});
    expect_refused(sandbox.run({"list"}), "Refused plugin " +
                                              (sandbox.plugins / "11-libexample_c.so").string() +
                                              ": a plugin named \"example-c\" is already loaded from " +
                                              (sandbox.plugins / "10-libexample_c.so").string() +
                                              ". Keep only one copy in the plugins directory.\n");
}

BOOST_AUTO_TEST_CASE(a_newer_minor_plugin_loads_and_cannot_register_after_init) {
    const Sandbox sandbox(only("broken_newer_minor_ok"));
    sandbox.write_config("dev", "# nothing: this plugin reads no configuration\n");
    const auto result = sandbox.run({"broken:run"});
    BOOST_TEST(result.exit_code == 0, result.err);
    BOOST_TEST(result.out == "late registration refused\nlate admin page refused\n");
}

BOOST_AUTO_TEST_CASE(a_config_section_needs_its_plugin) {
    Sandbox sandbox;
    sandbox.write_config("dev", sandbox_dev_yaml() + "example:\n  greeting: Hi\n");
    const auto result = sandbox.run({"list"});
    BOOST_TEST(result.exit_code == 1);
    BOOST_TEST(result.err == (sandbox.config_dir() / "dev.yaml").string() +
                                 ":10: unknown key \"example\". Remove or rename it.\n");
}

BOOST_AUTO_TEST_SUITE_END()
