// What a production process keeps of its secrets outside its own memory:
// no core file (a crash core once held passwords, tokens and the key) and
// no PIM_SECRET_KEY left in its environment (/proc/PID/environ).
#include "support/api_world.hpp"

#include <boost/test/unit_test.hpp>

#include <sys/resource.h>
#include <sys/wait.h>

#include <csignal>
#include <fstream>
#include <sstream>

using namespace pim::test;

namespace {

std::map<std::string, std::string> prod() {
    return {{"PIM_ENV", "prod"}, {"PIM_SECRET_KEY", test_secret_key}};
}

ProcessOptions prod_options() {
    ProcessOptions options;
    options.set_env = prod();
    return options;
}

std::string file_bytes(const std::filesystem::path &path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

void allow_core_files_in_children() {
    rlimit limit{};
    getrlimit(RLIMIT_CORE, &limit);
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_CORE, &limit);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(process_secrets)

BOOST_AUTO_TEST_CASE(prod_serve_drops_the_secret_key_from_its_environment) {
    Sandbox sandbox;
    BOOST_TEST_REQUIRE(sandbox.run({"pim:db:migrate", "--env=prod"}, prod_options()).exit_code == 0);
    ServerProcess server(sandbox, prod());
    const std::string environ = file_bytes("/proc/" + std::to_string(server.pid()) + "/environ");
    BOOST_TEST(environ.find("PIM_CONFIG_DIR=") != std::string::npos);  // the file was read
    BOOST_TEST(environ.find(test_secret_key) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_crashing_prod_process_writes_no_core) {
    allow_core_files_in_children();
    Sandbox sandbox;
    ServerProcess dev(sandbox);
    const int dev_status = dev.kill_and_wait(SIGSEGV);
    BOOST_TEST(WIFSIGNALED(dev_status));
    if (!WCOREDUMP(dev_status)) {
        BOOST_TEST_MESSAGE(
            "this machine writes no core files at all: the prod check below proves nothing here");
    }
    BOOST_TEST_REQUIRE(sandbox.run({"pim:db:migrate", "--env=prod"}, prod_options()).exit_code == 0);
    ServerProcess server(sandbox, prod());
    const int prod_status = server.kill_and_wait(SIGSEGV);
    BOOST_TEST(WIFSIGNALED(prod_status));
    BOOST_TEST(!WCOREDUMP(prod_status));
    for (const auto &entry : std::filesystem::directory_iterator(sandbox.root()))
        if (entry.path().filename().string().starts_with("core")) std::filesystem::remove(entry.path());
}

BOOST_AUTO_TEST_SUITE_END()
