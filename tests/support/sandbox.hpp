// A throw-away project directory (config/dev.yaml, config/prod.yaml, var/)
// in which tests run the built pim-host against the built plugins.
#pragma once

#include "support/process.hpp"
#include "support/test_database.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace pim::test {

// Locations of the build, compiled in by CMake.
std::filesystem::path host_binary();
std::filesystem::path plugins_dir();
std::filesystem::path test_plugins_dir();
std::filesystem::path source_dir();

// A unique empty directory, removed with everything in it on destruction.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir &) = delete;
    TempDir &operator=(const TempDir &) = delete;
    [[nodiscard]] const std::filesystem::path &path() const { return path_; }

private:
    std::filesystem::path path_;
};

// The secret key of the sandbox configuration (prod tests pass it through PIM_SECRET_KEY).
inline constexpr const char *test_secret_key =
    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

// On a server backend (PIM_TEST_BACKEND) every sandbox has a fresh database
// of its own, and its pim-host processes get PIM_DATABASE_URL naming it.
class Sandbox {
public:
    explicit Sandbox(std::filesystem::path plugins_directory = plugins_dir());
    [[nodiscard]] const std::filesystem::path &root() const { return dir_.path(); }
    [[nodiscard]] std::filesystem::path config_dir() const { return root() / "config"; }
    // SQLite only: the file the configuration names.
    [[nodiscard]] std::filesystem::path database_file() const { return root() / "var" / "test.db"; }
    [[nodiscard]] TestBackend backend() const { return backend_; }
    // The URL of the sandbox's database, whatever the backend.
    [[nodiscard]] std::string database_url() const;
    // A connection to it for the test's own SQL (SQLite: the file must exist).
    [[nodiscard]] std::unique_ptr<SqlConnection> open_database() const;
    // The variables pim-host runs with: PIM_CONFIG_DIR, PIM_PLUGINS_DIR and,
    // on a server backend, PIM_DATABASE_URL.
    [[nodiscard]] std::map<std::string, std::string> environment() const;

    void write_config(const std::string &environment, const std::string &yaml) const;
    // Moves the time of every pim-host of this sandbox forward (the plugin's
    // clock seam, PIM_TEST_CLOCK_FILE; ignored by --env=prod): tests of
    // expiry and throttling blocks never sleep.
    void advance_clock(std::int64_t seconds);
    [[nodiscard]] std::filesystem::path clock_file() const { return root() / "clock-offset"; }
    // Runs pim-host with environment() (options.set_env wins), in this
    // directory, stdin not a terminal.
    [[nodiscard]] ProcessResult run(const std::vector<std::string> &args, ProcessOptions options = {}) const;

    std::filesystem::path plugins;

private:
    TempDir dir_;
    TestBackend backend_;
    std::unique_ptr<ServerDatabase> server_database_;
    std::int64_t clock_offset_ = 0;
};

// The dev configuration of the sandbox (cheap Argon2id, fixed key, auto-migrate).
std::string sandbox_dev_yaml();
std::string sandbox_prod_yaml();

// Counts the occurrences of `needle` in a file's bytes (like `grep -c` on one line).
std::size_t count_in_file(const std::filesystem::path &file, const std::string &needle);
// The same over the sandbox's SQLite database and its WAL file; on a server
// backend, over the text of every row of every table (SqlConnection::dump).
std::size_t count_in_database(const Sandbox &sandbox, const std::string &needle);

}  // namespace pim::test
