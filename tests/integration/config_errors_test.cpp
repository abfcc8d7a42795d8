// Every configuration mistake gets a message naming file:line (or the
// variable) and what to do, exit code 1, and nothing on stdout.
#include "support/sandbox.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>

#include <fstream>

using namespace pim::test;

namespace {

void expect_error(const ProcessResult &result, const std::string &expected_err) {
    BOOST_TEST(result.exit_code == 1);
    BOOST_TEST(result.out == "");
    BOOST_TEST(result.err == expected_err);
}

std::string dev_file(const Sandbox &sandbox) {
    return (sandbox.config_dir() / "dev.yaml").string();
}

ProcessOptions with_key() {
    ProcessOptions options;
    options.set_env["PIM_SECRET_KEY"] = test_secret_key;
    return options;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(config_errors)

BOOST_AUTO_TEST_CASE(bad_yaml_names_file_and_line) {
    Sandbox sandbox;
    sandbox.write_config("dev", "database:\n  url: sqlite3://x.db\n   auto_migrate: true\n");
    const auto result = sandbox.run({"list"});
    BOOST_TEST(result.exit_code == 1);
    BOOST_TEST(result.out == "");
    BOOST_TEST(result.err.rfind(dev_file(sandbox) + ":3: invalid YAML: ", 0) == 0, result.err);
    BOOST_TEST(result.err.find("Fix the syntax.\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(unknown_keys_and_wrong_types) {
    Sandbox sandbox;
    sandbox.write_config("dev", sandbox_dev_yaml() + "oaut:\n  access_token_lifetime: 60\n");
    expect_error(
        sandbox.run({"list"}),
        dev_file(sandbox) + ":10: unknown key \"oaut\". Did you mean \"oauth\"? Remove or rename it.\n");
    sandbox.write_config("dev", sandbox_dev_yaml() + "host:\n  plugin_dir: /x\n");
    expect_error(sandbox.run({"list"}), dev_file(sandbox) +
                                            ":11: unknown key \"host.plugin_dir\". Did you mean "
                                            "\"host.plugins_dir\"? Remove or rename it.\n");
    sandbox.write_config("dev", sandbox_dev_yaml() + "oauth:\n  access_token_lifetime: one hour\n");
    expect_error(sandbox.run({"list"}),
                 dev_file(sandbox) +
                     ":11: oauth.access_token_lifetime must be an integer from 1 to 316224000, got \"one "
                     "hour\". Fix the value.\n");
    sandbox.write_config("dev", sandbox_dev_yaml() + "server:\n  threads: many\n");
    expect_error(sandbox.run({"list"}),
                 dev_file(sandbox) +
                     ":11: server.threads must be an integer from 0 to 256, got \"many\". Fix the value.\n");
    std::string yaml = sandbox_dev_yaml();
    const std::string memlimit = "      memlimit_kib: 19456\n";
    const auto at = yaml.find(memlimit) + memlimit.size();
    yaml.insert(at, "      keep_memory_seconds: -5\n");
    sandbox.write_config("dev", yaml);
    expect_error(
        sandbox.run({"list"}),
        dev_file(sandbox) + ":" +
            std::to_string(std::count(yaml.begin(), yaml.begin() + static_cast<std::ptrdiff_t>(at), '\n') +
                           1) +
            ": security.password.argon2id.keep_memory_seconds must be an integer from 0 to 86400, got "
            "\"-5\". Fix the value.\n");
    sandbox.write_config("dev", "database:\n  url: ${PIM_TEST_NOT_SET}\n");
    expect_error(sandbox.run({"list"}),
                 dev_file(sandbox) +
                     ":2: environment variable PIM_TEST_NOT_SET is not set (used by database.url). Set it, "
                     "or give a default: ${PIM_TEST_NOT_SET:-value}.\n");
}

BOOST_AUTO_TEST_CASE(unknown_environment_lists_the_available_ones) {
    Sandbox sandbox;
    const std::string expected = "Unknown environment \"staging\" (from --env): there is no " +
                                 (sandbox.config_dir() / "staging.yaml").string() +
                                 "; available: dev, prod.\n";
    expect_error(sandbox.run({"list", "--env=staging"}), expected);
    ProcessOptions env;
    env.set_env["PIM_ENV"] = "staging";
    expect_error(sandbox.run({"list"}, env), "Unknown environment \"staging\" (from PIM_ENV): there is no " +
                                                 (sandbox.config_dir() / "staging.yaml").string() +
                                                 "; available: dev, prod.\n");
    expect_error(sandbox.run({"list", "-e", "../dev"}),
                 "Unknown environment \"../dev\" (from --env): there is no " +
                     (sandbox.config_dir() / "../dev.yaml").string() + "; available: dev, prod.\n");
}

BOOST_AUTO_TEST_CASE(missing_directories) {
    Sandbox sandbox;
    ProcessOptions options;
    options.set_env["PIM_PLUGINS_DIR"] = (sandbox.root() / "no-plugins").string();
    expect_error(sandbox.run({"list"}, options), "Plugins directory " +
                                                     (sandbox.root() / "no-plugins").string() +
                                                     " (from PIM_PLUGINS_DIR) does not exist. Create it, or "
                                                     "point --plugins-dir / host.plugins_dir at the "
                                                     "directory holding the plugins.\n");
    expect_error(
        sandbox.run({"list", "--plugins-dir=/nonexistent/plugins"}),
        "Plugins directory /nonexistent/plugins (from --plugins-dir) does not exist. Create it, or point "
        "--plugins-dir / host.plugins_dir at the directory holding the plugins.\n");
    expect_error(
        sandbox.run({"list", "--config-dir", "/nonexistent/config"}),
        "Configuration directory /nonexistent/config (from --config-dir) does not exist. Create it or point "
        "--config-dir at the directory holding dev.yaml and prod.yaml.\n");
}

BOOST_AUTO_TEST_CASE(prod_refuses_to_start_without_a_secret_key) {
    Sandbox sandbox;
    const std::string prod_file = (sandbox.config_dir() / "prod.yaml").string();
    expect_error(sandbox.run({"list", "--env=prod"}),
                 prod_file +
                     ": security.secret_key is required (no default key exists). Set PIM_SECRET_KEY or "
                     "security.secret_key to 64 hex digits, e.g. the output of: openssl rand -hex 32\n");
    ProcessOptions bad_key;
    bad_key.set_env["PIM_SECRET_KEY"] = "not-hex";
    expect_error(sandbox.run({"list", "--env=prod"}, bad_key),
                 "environment variable PIM_SECRET_KEY: security.secret_key must be 64 hexadecimal digits (32 "
                 "bytes), got 7 "
                 "characters. Generate one with: openssl rand -hex 32\n");
    BOOST_TEST(sandbox.run({"list", "--env=prod"}, with_key()).exit_code == 0);
}

BOOST_AUTO_TEST_CASE(prod_needs_an_explicit_migration) {
    Sandbox sandbox;
    expect_error(sandbox.run({"pim:oauth-server:list-clients", "--env=prod"}, with_key()),
                 "The database schema is at version 0, this plugin needs version 6. Run: pim-host "
                 "pim:db:migrate --env=prod\n");
    auto migrate = sandbox.run({"pim:db:migrate", "--env=prod"}, with_key());
    BOOST_TEST(migrate.exit_code == 0);
    BOOST_TEST(migrate.out ==
               "Applied migration 0001_initial_schema.\nApplied migration 0002_fixture_roles.\n"
               "Applied migration 0003_throttle_keys_hashed.\nApplied migration 0004_introspection.\n"
               "Applied migration 0005_connection_monitoring.\nApplied migration 0006_admin_sessions.\n"
               "The database schema is now at version 6.\n");
    migrate = sandbox.run({"pim:db:migrate", "--env=prod"}, with_key());
    BOOST_TEST(migrate.out == "The database schema is up to date (version 6).\n");
    migrate = sandbox.run({"pim:db:migrate", "--env=prod", "--format=json"}, with_key());
    BOOST_TEST(migrate.out == "{\"applied\":[],\"version\":6}\n");
    const auto list = sandbox.run({"pim:oauth-server:list-clients", "--env=prod"}, with_key());
    BOOST_TEST(list.exit_code == 0);
    BOOST_TEST(list.out == "No client is currently registered.\n");
}

BOOST_AUTO_TEST_CASE(database_url_problems) {
    Sandbox sandbox;
    ProcessOptions options;
    options.set_env["PIM_DATABASE_URL"] = "oracle://scott:tiger@db/orcl";
    expect_error(sandbox.run({"pim:oauth-server:list-clients"}, options),
                 "environment variable PIM_DATABASE_URL: database.url: unsupported database URL scheme "
                 "\"oracle\"; use "
                 "sqlite3://, postgresql:// or mysql://.\n");
    options.set_env["PIM_DATABASE_URL"] = "sqlite3:///proc/no/such/dir/x.db";
    const auto result = sandbox.run({"pim:oauth-server:list-clients"}, options);
    BOOST_TEST(result.exit_code == 1);
    BOOST_TEST(
        result.err.rfind("cannot create the directory /proc/no/such/dir for the SQLite database", 0) == 0,
        result.err);
    options.set_env["PIM_DATABASE_URL"] = "postgresql://pim:hunter2@127.0.0.1:1/pim?connect_timeout=2";
    const auto pg = sandbox.run({"pim:oauth-server:list-clients"}, options);
    BOOST_TEST(pg.exit_code == 1);
    BOOST_TEST(pg.err.rfind(
                   "cannot connect to the database postgresql://pim:***@127.0.0.1:1/pim?connect_timeout=2: ",
                   0) == 0,
               pg.err);
    BOOST_TEST(pg.err.find("hunter2") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_repository_configuration_files_load) {
    Sandbox sandbox;
    ProcessOptions options;
    options.set_env["PIM_CONFIG_DIR"] = (source_dir() / "config").string();
    options.set_env["PIM_DATABASE_URL"] = sandbox.database_url();
    auto result = sandbox.run({"pim:oauth-server:list-clients"}, options);
    BOOST_TEST(result.exit_code == 0, result.err);
    BOOST_TEST(result.out == "No client is currently registered.\n");
    result = sandbox.run({"list", "--env=prod"}, options);
    BOOST_TEST(result.exit_code == 1);
    BOOST_TEST(result.err.find("prod.yaml: security.secret_key is required") != std::string::npos);
    options.set_env["PIM_SECRET_KEY"] = test_secret_key;
    BOOST_TEST(sandbox.run({"list", "--env=prod"}, options).exit_code == 0);
}

BOOST_AUTO_TEST_SUITE_END()
