#include "support/sandbox.hpp"

#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace pim::test {

std::filesystem::path host_binary() {
    return PIM_TEST_HOST_BINARY;
}
std::filesystem::path plugins_dir() {
    return PIM_TEST_PLUGINS_OUTPUT_DIR;
}
std::filesystem::path test_plugins_dir() {
    return PIM_TEST_TEST_PLUGINS_DIR;
}
std::filesystem::path source_dir() {
    return PIM_TEST_SOURCE_DIR;
}

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "pim-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

std::string sandbox_dev_yaml() {
    return "database:\n"
           "  url: sqlite3://var/test.db\n"
           "  auto_migrate: true\n"
           "security:\n"
           "  secret_key: " +
           std::string(test_secret_key) +
           "\n"
           "  password:\n"
           "    argon2id:\n"
           "      opslimit: 2\n"
           "      memlimit_kib: 19456\n";
}

std::string sandbox_prod_yaml() {
    return "database:\n"
           "  url: sqlite3://var/test.db\n"
           "  auto_migrate: false\n"
           "security:\n"
           "  password:\n"
           "    argon2id:\n"
           "      opslimit: 2\n"
           "      memlimit_kib: 19456\n";
}

Sandbox::Sandbox(std::filesystem::path plugins_directory)
    : plugins(std::move(plugins_directory)), backend_(test_backend()) {
    if (backend_ != TestBackend::sqlite) server_database_ = std::make_unique<ServerDatabase>(backend_);
    std::filesystem::create_directories(config_dir());
    write_config("dev", sandbox_dev_yaml());
    write_config("prod", sandbox_prod_yaml());
}

void Sandbox::write_config(const std::string &environment, const std::string &yaml) const {
    std::ofstream(config_dir() / (environment + ".yaml")) << yaml;
}

std::string Sandbox::database_url() const {
    return server_database_ ? server_database_->url() : "sqlite3://" + database_file().string();
}

std::unique_ptr<SqlConnection> Sandbox::open_database() const {
    return server_database_ ? server_database_->connect() : open_sqlite(database_file());
}

std::map<std::string, std::string> Sandbox::environment() const {
    std::map<std::string, std::string> env{{"PIM_CONFIG_DIR", config_dir().string()},
                                           {"PIM_PLUGINS_DIR", plugins.string()},
                                           {"PIM_TEST_CLOCK_FILE", clock_file().string()}};
    if (server_database_) env.emplace("PIM_DATABASE_URL", server_database_->url());
    return env;
}

void Sandbox::advance_clock(std::int64_t seconds) {
    clock_offset_ += seconds;
    const auto temporary = clock_file().string() + ".new";
    std::ofstream(temporary) << clock_offset_ << "\n";
    std::filesystem::rename(temporary, clock_file());  // readers see the old or the new offset, never half
}

ProcessResult Sandbox::run(const std::vector<std::string> &args, ProcessOptions options) const {
    options.args = args;
    for (const auto &[name, value] : environment()) options.set_env.emplace(name, value);
    for (const char *name :
         {"PIM_ENV", "PIM_DATABASE_URL", "PIM_SECRET_KEY", "SHELL_INTERACTIVE", "NO_COLOR"})
        if (options.set_env.count(name) == 0) options.unset_env.emplace_back(name);
    if (options.cwd.empty()) options.cwd = root();
    return run_process(host_binary(), options);
}

std::size_t count_in_file(const std::filesystem::path &file, const std::string &needle) {
    std::ifstream stream(file, std::ios::binary);
    std::stringstream content;
    content << stream.rdbuf();
    const std::string bytes = content.str();
    std::size_t count = 0;
    for (auto at = bytes.find(needle); at != std::string::npos; at = bytes.find(needle, at + 1)) ++count;
    return count;
}

std::size_t count_in_database(const Sandbox &sandbox, const std::string &needle) {
    if (sandbox.backend() != TestBackend::sqlite) {
        const std::string dump = sandbox.open_database()->dump();
        std::size_t count = 0;
        for (auto at = dump.find(needle); at != std::string::npos; at = dump.find(needle, at + 1)) ++count;
        return count;
    }
    std::size_t count = 0;
    for (const char *suffix : {"", "-wal", "-journal"}) {
        const std::filesystem::path file = sandbox.database_file().string() + suffix;
        if (std::filesystem::exists(file)) count += count_in_file(file, needle);
    }
    return count;
}

}  // namespace pim::test
