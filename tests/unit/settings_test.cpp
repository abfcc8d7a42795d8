// The plugin's settings, read from real YAML through the host's loader.
#include "config/settings.hpp"
#include "config/yaml_config.hpp"
#include "domain/errors.hpp"
#include "support/sandbox.hpp"

#include <boost/test/unit_test.hpp>

#include <fstream>

namespace {

class YamlSource final : public pim::ConfigSource {
public:
    explicit YamlSource(pim::host::YamlConfig config) : config_(std::move(config)) {}
    [[nodiscard]] pim::ConfigEntry get(const std::string &path) const override {
        const auto *node = config_.find(path);
        if (node == nullptr) return {pim::ConfigEntry::Kind::absent, "", config_.file()};
        const auto kind = static_cast<int>(node->kind) + 1;  // null, scalar, map, sequence
        return {static_cast<pim::ConfigEntry::Kind>(kind), node->text, node->location};
    }
    [[nodiscard]] std::vector<std::pair<std::string, std::string>> keys(
        const std::string &path) const override {
        const auto *node = config_.find(path);
        return node == nullptr ? std::vector<std::pair<std::string, std::string>>{} : node->children;
    }
    [[nodiscard]] std::string environment() const override { return "prod"; }
    [[nodiscard]] std::filesystem::path project_dir() const override { return "/srv/pim"; }

private:
    pim::host::YamlConfig config_;
};

struct Loaded {
    std::string error;
    std::optional<pim::Settings> settings;
};

Loaded load(const std::string &yaml) {
    pim::test::TempDir dir;
    const auto file = dir.path() / "prod.yaml";
    std::ofstream(file) << yaml;
    try {
        return {"", pim::load_settings(YamlSource(pim::host::YamlConfig::load(file)))};
    } catch (const pim::ConfigError &e) {
        std::string message = e.what();
        if (message.rfind(file.string(), 0) == 0) message = "FILE" + message.substr(file.string().size());
        return {message, std::nullopt};
    }
}

const std::string key_line =
    "  secret_key: 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(settings)

BOOST_AUTO_TEST_CASE(defaults_of_the_spec) {
    unsetenv("PIM_DATABASE_URL");
    unsetenv("PIM_SECRET_KEY");
    const auto loaded = load("database:\n  url: sqlite3://var/x.db\nsecurity:\n" + key_line);
    BOOST_TEST_REQUIRE(loaded.error == "");
    const auto &s = *loaded.settings;
    BOOST_TEST(s.oauth.access_token_lifetime == 3600);
    BOOST_TEST(s.oauth.refresh_token_lifetime == 1209600);
    BOOST_TEST(s.oauth.refresh_token_reuse_detection);
    BOOST_TEST(!s.oauth.allow_access_token_query_parameter);
    BOOST_TEST(s.password.min_length == 8);
    BOOST_TEST(s.password.argon2id_opslimit == 2U);
    BOOST_TEST(s.password.argon2id_memlimit_kib == 65536U);
    BOOST_TEST(s.password.argon2id_keep_memory_seconds == 60U);
    BOOST_TEST(!s.database.auto_migrate);
}

BOOST_AUTO_TEST_CASE(environment_variables_override_the_file) {
    setenv("PIM_DATABASE_URL", "sqlite3:///tmp/override.db", 1);
    setenv("PIM_SECRET_KEY", "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100", 1);
    const auto loaded = load("database:\n  url: sqlite3://var/x.db\n");
    unsetenv("PIM_DATABASE_URL");
    unsetenv("PIM_SECRET_KEY");
    BOOST_TEST_REQUIRE(loaded.error == "");
    BOOST_TEST(loaded.settings->database.url.sqlite_path == "/tmp/override.db");
    BOOST_TEST(loaded.settings->database.url_origin == "environment variable PIM_DATABASE_URL");
}

BOOST_AUTO_TEST_CASE(errors_name_file_line_and_what_to_do) {
    unsetenv("PIM_DATABASE_URL");
    unsetenv("PIM_SECRET_KEY");
    const std::string db = "database:\n  url: sqlite3://x.db\n";
    BOOST_TEST(load(db).error ==
               "FILE: security.secret_key is required (no default key exists). Set PIM_SECRET_KEY or "
               "security.secret_key to 64 hex "
               "digits, e.g. the output of: openssl rand -hex 32");
    BOOST_TEST(load(db + "security:\n  secret_key: abc\n").error ==
               "FILE:4: security.secret_key must be 64 hexadecimal digits (32 bytes), got 3 characters. "
               "Generate one with: openssl rand -hex 32");
    BOOST_TEST(load(db + "oauth:\n  acces_token_lifetime: 5\nsecurity:\n" + key_line).error ==
               "FILE:4: unknown key \"oauth.acces_token_lifetime\". Did you mean "
               "\"oauth.access_token_lifetime\"? Remove or rename it.");
    BOOST_TEST(load(db + "oauth:\n  access_token_lifetime: soon\nsecurity:\n" + key_line).error ==
               "FILE:4: oauth.access_token_lifetime must be an integer from 1 to 316224000, got \"soon\". "
               "Fix the value.");
    BOOST_TEST(load(db + "oauth:\n  access_token_lifetime: 0\nsecurity:\n" + key_line)
                   .error.find("must be an integer from 1") != std::string::npos);
    BOOST_TEST(
        load(db + "oauth:\n  refresh_token_reuse_detection: maybe\nsecurity:\n" + key_line).error ==
        "FILE:4: oauth.refresh_token_reuse_detection must be true or false, got \"maybe\". Fix the value.");
    BOOST_TEST(load(db + "security:\n" + key_line + "  password:\n    min_length: 6\n")
                   .error.find("FILE:6: security.password.min_length must be an integer from 8") !=
               std::string::npos);
    BOOST_TEST(load(db + "security:\n" + key_line + "  password:\n    argon2id:\n      memlimit_kib: 1024\n")
                   .error.find("memlimit_kib must be an integer from 19456") != std::string::npos);
    BOOST_TEST(
        load(db + "security:\n" + key_line + "  password:\n    argon2id:\n      keep_memory_seconds: -1\n")
            .error.find("FILE:7: security.password.argon2id.keep_memory_seconds must be an integer from 0 to "
                        "86400") != std::string::npos);
    BOOST_TEST(load("database: sqlite3://x.db\nsecurity:\n" + key_line).error ==
               "FILE:1: database must be a map of keys. Fix the value.");
    BOOST_TEST(load("security:\n" + key_line).error.find("FILE: database.url is required.") == 0U);
}

BOOST_AUTO_TEST_SUITE_END()
