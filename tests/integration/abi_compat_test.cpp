// Plugins and hosts of different ABI minors (docs/plugin-abi.md,
// "Compatibility rules"): the C99 example plugin built against the frozen
// 1.0 header (tests/abi/v1_0) runs in this host; plugins built against the
// current header meet pim-host-abi10, a host offering only ABI 1.0: one that
// needs 1.1 is refused, pim-oauth (min_host_abi_minor 0) works within 1.0;
// routes defined as 1.3 and 1.4 plugins define them meet this host and
// pim-host-abi13, which reads route definitions only up to `flags`.
#include "support/http_client.hpp"
#include "support/sandbox.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char **environ;

using namespace pim::test;
namespace fs = std::filesystem;

namespace {

fs::path test_plugin(const std::string &name) {
    return test_plugins_dir() / name / ("lib" + name + ".so");
}

fs::path only(const std::string &plugin_name) {
    return test_plugins_dir() / plugin_name;
}

// pim-host standing for a 1.0 or a 1.3 host (tests/abi/pim_host_older_abi.cpp), next to pim-host.
fs::path host_abi10() {
    return host_binary().parent_path() / "pim-host-abi10";
}
fs::path host_abi13() {
    return host_binary().parent_path() / "pim-host-abi13";
}

// As Sandbox::run, with another host executable.
ProcessResult run_with(const fs::path &host, const Sandbox &sandbox, const std::vector<std::string> &args) {
    ProcessOptions options;
    options.args = args;
    for (const auto &[name, value] : sandbox.environment()) options.set_env.emplace(name, value);
    for (const char *name :
         {"PIM_ENV", "PIM_DATABASE_URL", "PIM_SECRET_KEY", "SHELL_INTERACTIVE", "NO_COLOR"})
        if (options.set_env.count(name) == 0) options.unset_env.emplace_back(name);
    options.cwd = sandbox.root();
    return run_process(host, options);
}

std::string read_file(const fs::path &file) {
    std::ifstream stream(file);
    std::stringstream content;
    content << stream.rdbuf();
    return content.str();
}

// `<host> serve --listen=127.0.0.1:0` in a sandbox, stopped on destruction.
class Served {
public:
    Served(const fs::path &host, const Sandbox &sandbox) : out_(sandbox.root() / "served.out") {
        std::map<std::string, std::string> environment;
        for (char **entry = environ; *entry != nullptr; ++entry) {
            const std::string text(*entry);
            environment[text.substr(0, text.find('='))] = text.substr(text.find('=') + 1);
        }
        for (const char *name : {"PIM_ENV", "PIM_DATABASE_URL", "PIM_SECRET_KEY", "NO_COLOR"})
            environment.erase(name);
        for (const auto &[name, value] : sandbox.environment()) environment[name] = value;
        std::vector<std::string> strings{host.string(), "serve", "--listen=127.0.0.1:0"};
        std::vector<std::string> env_strings;
        for (const auto &[name, value] : environment) env_strings.push_back(name + "=" + value);
        fs::remove(out_);  // a previous server's "Listening on" line must not be read as ours
        pid_ = fork();
        if (pid_ < 0) throw std::runtime_error("fork failed");
        if (pid_ == 0) {
            if (chdir(sandbox.root().c_str()) != 0) _exit(126);
            const int out = open(out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
            const int err = open((out_.string() + ".err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
            dup2(out, 1);
            dup2(err, 2);
            std::vector<char *> argv, envp;
            for (auto &arg : strings) argv.push_back(arg.data());
            argv.push_back(nullptr);
            for (auto &entry : env_strings) envp.push_back(entry.data());
            envp.push_back(nullptr);
            execve(argv[0], argv.data(), envp.data());
            _exit(127);
        }
        const std::regex listening(R"(Listening on http://127\.0\.0\.1:(\d+)\n)");
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (std::chrono::steady_clock::now() < deadline) {
            std::smatch match;
            const std::string out = read_file(out_);
            if (std::regex_search(out, match, listening)) {
                port_ = static_cast<unsigned short>(std::stoi(match[1]));
                return;
            }
            int status = 0;
            if (waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                throw std::runtime_error("serve exited: " + read_file(out_.string() + ".err"));
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));  // polls for the port, not for time
        }
        throw std::runtime_error("serve did not start listening");
    }
    ~Served() {
        if (pid_ <= 0) return;
        kill(pid_, SIGTERM);
        int status = 0;
        waitpid(pid_, &status, 0);
    }
    Served(const Served &) = delete;
    Served &operator=(const Served &) = delete;
    [[nodiscard]] unsigned short port() const { return port_; }

private:
    fs::path out_;
    pid_t pid_ = -1;
    unsigned short port_ = 0;
};

// Commands, admin hook, configuration and HTTP route of the example plugin.
void expect_example_works(const fs::path &host, const Sandbox &sandbox, const std::string &handler) {
    const auto list = run_with(host, sandbox, {"list"});
    BOOST_TEST(list.exit_code == 0, list.err);
    BOOST_TEST(list.out.find(" example\n  example:hello  Greets someone (from a plugin written in C)\n") !=
                   std::string::npos,
               list.out);
    const auto hello = run_with(host, sandbox, {"example:hello", "Ada"});
    BOOST_TEST(hello.exit_code == 0, hello.err);
    BOOST_TEST(hello.out == "Bonjour, Ada!\n");
    const auto hooks = run_with(host, sandbox, {"hooks"});
    BOOST_TEST(hooks.out ==
               "Available admin hooks:\n  example.echo  Returns the request inside {\"echo\": ...}\n");
    const auto hook = run_with(host, sandbox, {"hook", "example.echo", R"({"label":"ERP"})"});
    BOOST_TEST(hook.exit_code == 0, hook.err);
    BOOST_TEST(hook.out == "{\"echo\":{\"label\":\"ERP\"}}\n");
    const Served served(host, sandbox);
    const auto reply = http_request(served.port(), "GET", "/example/greeting");
    BOOST_TEST(reply.status == 200);
    BOOST_TEST(reply.body == R"({"greeting":"Bonjour","handler":")" + handler + "\"}");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(abi_compat)

BOOST_AUTO_TEST_CASE(a_plugin_built_against_the_frozen_1_0_header_runs_in_this_host) {
    Sandbox sandbox(only("example_c_abi10"));
    sandbox.write_config("dev", "example:\n  greeting: Bonjour\n");
    expect_example_works(host_binary(), sandbox, "handler");
    const auto plugins = sandbox.run({"plugins"});
    BOOST_TEST(plugins.out == "example-c 1.0.0 (ABI 1.0) " + test_plugin("example_c_abi10").string() + "\n");
}

BOOST_AUTO_TEST_CASE(a_plugin_built_against_this_header_gets_its_user_data) {
    Sandbox sandbox(only("example_c"));
    sandbox.write_config("dev", "example:\n  greeting: Bonjour\n");
    expect_example_works(host_binary(), sandbox, "handler_v2");
}

BOOST_AUTO_TEST_CASE(a_1_0_host_runs_a_1_0_plugin) {
    Sandbox sandbox(only("example_c_abi10"));
    sandbox.write_config("dev", "example:\n  greeting: Bonjour\n");
    expect_example_works(host_abi10(), sandbox, "handler");
}

BOOST_AUTO_TEST_CASE(a_1_0_host_refuses_a_plugin_that_needs_1_1) {
    const Sandbox sandbox(only("example_c"));
    const auto result = run_with(host_abi10(), sandbox, {"list"});
    BOOST_TEST(!result.signaled);
    BOOST_TEST(result.exit_code == 1);
    BOOST_TEST(result.out == "");
    BOOST_TEST(result.err == "Refused plugin " + test_plugin("example_c").string() +
                                 ": it needs plugin ABI 1.1 or newer, this host implements ABI 1.0. Upgrade "
                                 "pim-host or use an older build of the plugin.\n");
}

BOOST_AUTO_TEST_CASE(pim_oauth_works_within_1_0_on_a_1_0_host) {
    const Sandbox sandbox;
    const auto host = [&](const std::vector<std::string> &args) {
        const auto result = run_with(host_abi10(), sandbox, args);
        BOOST_TEST_REQUIRE(result.exit_code == 0, args.front() + ": " + result.err + result.out);
        return result.out;
    };
    host({"pim:user:create", "erp", "erpPassword1", "erp@example.com", "E", "RP", "en_US", "-n"});
    host({"pim:role:create", "ERP"});
    host({"pim:role:grant", "ROLE_ERP", "pim_api_overall_access", "pim_api_currency_list"});
    host({"pim:user:add-role", "erp", "ROLE_ERP"});
    const auto client =
        boost::json::parse(host({"pim:oauth-server:create-client", "ERP", "--format=json"})).as_object();
    const std::string id(client.at("client_id").as_string());
    const std::string secret(client.at("secret").as_string());
    BOOST_TEST(host({"pim:oauth-server:list-clients"}).find(id) != std::string::npos);
    BOOST_TEST(host({"hook", "acl.list"}).find("pim_api_currency_list") != std::string::npos);

    const Served served(host_abi10(), sandbox);
    const auto token = http_request(
        served.port(), "POST", "/api/oauth/v1/token",
        {{"Content-Type", "application/json"}, {"Authorization", "Basic " + base64(id + ":" + secret)}},
        R"({"grant_type":"password","username":"erp","password":"erpPassword1"})");
    BOOST_TEST_REQUIRE(token.status == 200, token.body);
    const std::string access(boost::json::parse(token.body).at("access_token").as_string());
    const auto call = http_request(served.port(), "GET", "/api/rest/v1/currencies",
                                   {{"Authorization", "Bearer " + access}});
    BOOST_TEST(call.status == 200, call.body);
    BOOST_TEST(http_request(served.port(), "GET", "/api/rest/v1/currencies").status == 401);
    // A 1.0 host has no register_admin_page (ABI 1.3): the plugin adds no admin console.
    BOOST_TEST(http_request(served.port(), "GET", "/admin/users").status == 404);
    BOOST_TEST(http_request(served.port(), "GET", "/admin/menu").body == R"({"menus":[]})");
}

// tests/plugins/route_minors.c: each answer says whether a worker ran it and
// how often request_may_block (ABI 1.4) was asked so far.
BOOST_AUTO_TEST_CASE(route_definitions_are_read_up_to_what_each_side_knows) {
    Sandbox sandbox(only("route_minors"));
    sandbox.write_config("dev", "server:\n  log_format: text\n");  // no pim-oauth: no database section
    {
        // This host: a 1.3 definition (struct_size ends at flags) runs all its
        // requests on a worker, and its request_may_block beyond struct_size
        // (a function that aborts) is never read; a 1.4 one is asked first.
        const Served served(host_binary(), sandbox);
        const auto old_route = http_request(served.port(), "GET", "/minors/route-1-3");
        BOOST_TEST(old_route.status == 200);
        BOOST_TEST(old_route.body == R"({"worker":1,"asked":0})");
        const auto new_route = http_request(served.port(), "GET", "/minors/route-1-4");
        BOOST_TEST(new_route.status == 200);
        BOOST_TEST(new_route.body == R"({"worker":0,"asked":1})");
    }
    {
        // A host standing for 1.3 reads neither request_may_block: both
        // routes run on a worker, and nothing is asked.
        const Served served(host_abi13(), sandbox);
        BOOST_TEST(http_request(served.port(), "GET", "/minors/route-1-3").body ==
                   R"({"worker":1,"asked":0})");
        BOOST_TEST(http_request(served.port(), "GET", "/minors/route-1-4").body ==
                   R"({"worker":1,"asked":0})");
    }
    const auto plugins = run_with(host_abi13(), sandbox, {"plugins"});
    BOOST_TEST(plugins.exit_code == 0, plugins.err);
    BOOST_TEST(plugins.out.find("route-minors 1.0.0 (ABI 1.4)") != std::string::npos, plugins.out);
}

// pim-host offers the metric services (ABI 1.3) to serve only, which exposes
// them; other commands get NULL and their plugins register no series.
BOOST_AUTO_TEST_CASE(only_serve_is_offered_the_metric_services) {
    Sandbox sandbox(only("route_minors"));
    sandbox.write_config("dev", "server:\n  metrics: true\n");
    const auto command = run_with(host_binary(), sandbox, {"minors:metrics"});
    BOOST_TEST(command.exit_code == 0, command.err);
    BOOST_TEST(command.out == "metric services: no\n");
    const Served served(host_binary(), sandbox);
    BOOST_TEST(http_request(served.port(), "GET", "/minors/metrics").body == R"({"metrics":1})");
}

BOOST_AUTO_TEST_SUITE_END()
