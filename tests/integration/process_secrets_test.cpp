// What a production process keeps of its secrets outside its own memory:
// no core file (a crash core once held passwords, tokens and the key) and
// no PIM_SECRET_KEY left in its environment (/proc/PID/environ).
#include "support/api_world.hpp"

#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string_view>
#include <thread>
#include <vector>

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

// Occurrences of `needle` in the writable memory of process `pid`
// (/proc/PID/maps and /proc/PID/mem; the test runs as root or as its owner).
std::size_t count_in_memory(pid_t pid, const std::string &needle) {
    std::ifstream maps("/proc/" + std::to_string(pid) + "/maps");
    const int mem = ::open(("/proc/" + std::to_string(pid) + "/mem").c_str(), O_RDONLY);
    BOOST_TEST_REQUIRE(mem >= 0);
    std::size_t count = 0;
    std::string line;
    std::vector<char> chunk;
    while (std::getline(maps, line)) {
        unsigned long start = 0, end = 0;
        char perms[5] = {};
        if (std::sscanf(line.c_str(), "%lx-%lx %4s", &start, &end, perms) != 3) continue;
        // Writable mappings only; reserved ranges of gigabytes (a sanitizer's
        // shadow memory) hold no request data.
        if (perms[0] != 'r' || perms[1] != 'w' || end - start > (1UL << 30)) continue;
        constexpr std::size_t chunk_size = 1 << 20;
        chunk.resize(chunk_size + needle.size());
        for (unsigned long at = start; at < end; at += chunk_size) {
            // Overlapping reads: a needle across two chunks is still seen.
            const std::size_t wanted = std::min<unsigned long>(chunk.size(), end - at);
            const ssize_t got = ::pread(mem, chunk.data(), wanted, static_cast<off_t>(at));
            if (got <= 0) break;
            const std::string_view bytes(chunk.data(), static_cast<std::size_t>(got));
            for (auto found = bytes.find(needle); found != std::string_view::npos && found < chunk_size;
                 found = bytes.find(needle, found + 1))
                ++count;
        }
    }
    ::close(mem);
    return count;
}

// This thread, and the processes and threads it starts, on CPU 0 only;
// the CPUs it had are given back when the object goes.
class OnOneCpu {
public:
    OnOneCpu() {
        sched_getaffinity(0, sizeof before_, &before_);
        cpu_set_t one;
        CPU_ZERO(&one);
        CPU_SET(0, &one);
        sched_setaffinity(0, sizeof one, &one);
    }
    ~OnOneCpu() { sched_setaffinity(0, sizeof before_, &before_); }
    OnOneCpu(const OnOneCpu &) = delete;
    OnOneCpu &operator=(const OnOneCpu &) = delete;

private:
    cpu_set_t before_{};
};

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

// Request bodies and passwords are overwritten once a request is answered,
// on every path (refused, throttled, granted), in the host and the plugin.
BOOST_AUTO_TEST_CASE(no_password_stays_in_memory_after_a_token_request) {
#if defined(__SANITIZE_ADDRESS__)
    // AddressSanitizer keeps freed blocks in quarantine and gives back
    // memory the program never wrote: the normal build runs this check.
    BOOST_TEST_MESSAGE("skipped under AddressSanitizer");
    return;
#endif
    ApiWorld world;
    const std::string wrong_json = "Wrong-Password-In-Json-7f3a9c51";
    const std::string wrong_form = "Wrong-Password-In-Form-b2e8d406";
    const Headers client{{"Authorization", basic(world.client)}};
    BOOST_TEST(world
                   .post_token(
                       R"({"grant_type":"password","username":"myERPuser","password":")" + wrong_json + "\"}",
                       client)
                   .status == 422);
    BOOST_TEST(
        world.post_form("grant_type=password&username=myERPuser&password=" + wrong_form, client).status ==
        422);
    BOOST_TEST(world
                   .post_token(R"({"grant_type":"password","username":"myERPuser","password":")" +
                                   world.password + R"(","scope":"read"})",
                               client)
                   .status == 422);
    BOOST_TEST(
        world.post_form("grant_type=password&username=myERPuser&password=" + world.password, client).status ==
        200);
    BOOST_TEST(count_in_memory(world.server->pid(), world.client.id) >
               0U);  // the scan sees the process's data
    for (const std::string &secret : {wrong_json, wrong_form, world.password})
        BOOST_TEST(count_in_memory(world.server->pid(), secret) == 0U, secret);
}

// The request of a password grant is wiped before its answer is sent, not
// when the hashing worker (at idle priority) next runs: here the worker gets
// no CPU between the answer and the scan. (When the worker's job still held
// the request, the password was found in every run of this test.)
BOOST_AUTO_TEST_CASE(a_granted_password_is_wiped_before_the_answer_leaves) {
#if defined(__SANITIZE_ADDRESS__)
    BOOST_TEST_MESSAGE("skipped under AddressSanitizer");
    return;
#endif
    const OnOneCpu cpu0;  // serve, its threads and this test share one CPU
    ApiWorld world;
    const Headers client{{"Authorization", basic(world.client)}};
    BOOST_TEST_REQUIRE(
        world.post_form("grant_type=password&username=myERPuser&password=" + world.password, client).status ==
        200);
    std::atomic<bool> stop{false};
    std::thread busy([&] {  // a normal-priority thread: the idle-priority worker waits
        while (!stop.load(std::memory_order_relaxed)) {
        }
    });
    const std::size_t found = count_in_memory(world.server->pid(), world.password);
    stop = true;
    busy.join();
    BOOST_TEST(found == 0U);
}

// Issued tokens and client secrets are credentials too: neither the client's
// Authorization header, nor the refresh token it presents, nor the tokens
// of the answer, nor a bearer token of an API call stay in memory once the
// answer is sent (the database keeps keyed hashes of tokens only).
BOOST_AUTO_TEST_CASE(no_client_secret_or_token_stays_in_memory_after_a_request) {
#if defined(__SANITIZE_ADDRESS__)
    BOOST_TEST_MESSAGE("skipped under AddressSanitizer");
    return;
#endif
    ApiWorld world;
    const boost::json::object first = world.password_grant();
    const HttpReply refreshed =
        world.refresh(std::string(first.at("refresh_token").as_string()), world.client);
    BOOST_TEST_REQUIRE(refreshed.status == 200);
    const boost::json::object second = boost::json::parse(refreshed.body).as_object();
    BOOST_TEST_REQUIRE(
        world.get("/api/rest/v1/currencies", std::string(second.at("access_token").as_string())).status ==
        200);

    const pid_t serve = world.server->pid();
    BOOST_TEST_REQUIRE(count_in_memory(serve, world.client.id) > 0U);  // the scan sees the process's data
    const std::string basic_credentials = basic(world.client).substr(std::string_view("Basic ").size());
    BOOST_TEST(count_in_memory(serve, basic_credentials) == 0U, "Authorization: Basic " << basic_credentials);
    BOOST_TEST(count_in_memory(serve, world.client.secret) == 0U, "client secret");
    for (const boost::json::object *answer : {&first, &second})
        for (const char *field : {"access_token", "refresh_token"}) {
            const std::string token(answer->at(field).as_string());
            const std::size_t copies = count_in_memory(serve, token);
            BOOST_TEST(copies == 0U, field << " " << token << ": " << copies << " copies");
        }
}

BOOST_AUTO_TEST_CASE(a_crashing_prod_process_writes_no_core) {
    allow_core_files_in_children();
    // SIGABRT: its default action dumps core, and sanitizers leave it alone
    // (AddressSanitizer handles SIGSEGV itself and exits instead).
    Sandbox sandbox;
    ServerProcess dev(sandbox);
    const int dev_status = dev.kill_and_wait(SIGABRT);
    BOOST_TEST(WIFSIGNALED(dev_status));
    if (!WCOREDUMP(dev_status)) {
        BOOST_TEST_MESSAGE(
            "this machine writes no core files at all: the prod check below proves nothing here");
    }
    BOOST_TEST_REQUIRE(sandbox.run({"pim:db:migrate", "--env=prod"}, prod_options()).exit_code == 0);
    ServerProcess server(sandbox, prod());
    const int prod_status = server.kill_and_wait(SIGABRT);
    BOOST_TEST(WIFSIGNALED(prod_status));
    BOOST_TEST(!WCOREDUMP(prod_status));
    for (const auto &entry : std::filesystem::directory_iterator(sandbox.root()))
        if (entry.path().filename().string().starts_with("core")) std::filesystem::remove(entry.path());
}

BOOST_AUTO_TEST_SUITE_END()
