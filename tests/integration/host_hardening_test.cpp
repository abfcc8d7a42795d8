// The host against hostile surroundings (issue 10): plugin and configuration
// files others could write, damaged plugin files, file-descriptor
// exhaustion and connection floods, request framing, what `serve` says
// about dev, and passwords in database URLs.
#include "support/http_client.hpp"
#include "support/sandbox.hpp"
#include "support/server_process.hpp"

#include <boost/test/unit_test.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

using namespace pim::test;
namespace fs = std::filesystem;

namespace {

fs::path example_plugin() {
    return test_plugins_dir() / "example_c" / "libexample_c.so";
}

// A sandbox whose plugins directory (sandbox/plugins, mode 0755) holds a
// copy of the C example plugin, configured for it alone.
struct PluginSandbox {
    PluginSandbox() {
        sandbox.plugins = sandbox.root() / "plugins";
        fs::create_directory(sandbox.plugins);
        fs::permissions(sandbox.plugins, fs::perms(0755));
        fs::copy_file(example_plugin(), plugin);
        fs::permissions(plugin, fs::perms(0755));
        sandbox.write_config("dev", "# only the C example plugin: no settings\n");
    }
    Sandbox sandbox;
    fs::path plugin = sandbox.root() / "plugins" / "libexample_c.so";
};

void expect_refused(const ProcessResult &result, const std::string &expected_err) {
    BOOST_TEST(!result.signaled);
    BOOST_TEST(result.exit_code == 1);
    BOOST_TEST(result.out == "");
    BOOST_TEST(result.err == expected_err);
}

std::string writable_by_others(const fs::path &path, const std::string &mode) {
    return "is writable by others (mode " + mode +
           "), so another user could change what pim-host runs. Run chmod go-w " + path.string() + ".\n";
}

// A raw TCP connection to 127.0.0.1:port (the test's own bytes on the wire).
class RawConnection {
public:
    explicit RawConnection(unsigned short port) : fd_(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
        BOOST_TEST_REQUIRE(fd_ >= 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        BOOST_TEST_REQUIRE(connect(fd_, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0);
    }
    ~RawConnection() {
        if (fd_ >= 0) close(fd_);
    }
    RawConnection(const RawConnection &) = delete;
    RawConnection &operator=(const RawConnection &) = delete;

    void send(const std::string &bytes) const {
        std::size_t sent = 0;
        while (sent < bytes.size()) {
            const ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
            if (n <= 0) return;  // the server closed: what it answered is still readable
            sent += static_cast<std::size_t>(n);
        }
    }
    // Everything the server sends until it closes the connection (or `limit` passes).
    [[nodiscard]] std::string read_until_closed(std::chrono::seconds limit = std::chrono::seconds(10)) const {
        std::string received;
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < deadline) {
            pollfd ready{fd_, POLLIN, 0};
            if (poll(&ready, 1, 100) <= 0) continue;
            char chunk[4096];
            const ssize_t n = recv(fd_, chunk, sizeof chunk, 0);
            if (n <= 0) break;
            received.append(chunk, static_cast<std::size_t>(n));
        }
        return received;
    }

private:
    int fd_;
};

std::size_t count_of(const std::string &text, const std::string &needle) {
    std::size_t count = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++count;
    return count;
}

double children_cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage);
    const auto seconds = [](const timeval &t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(host_hardening)

// Item 12: a plugin, the plugins directory, a link's target: each refused
// when others may write it, with the command that fixes it.
BOOST_AUTO_TEST_CASE(plugin_files_others_can_write_are_refused) {
    PluginSandbox world;
    const Sandbox &sandbox = world.sandbox;
    BOOST_TEST(sandbox.run({"example:hello"}).out == "Hello, world!\n");

    fs::permissions(world.plugin, fs::perms(0757));
    expect_refused(sandbox.run({"list"}), "Refused plugin " + world.plugin.string() + ": it " +
                                              writable_by_others(world.plugin, "0757"));
    fs::permissions(world.plugin, fs::perms(0775));
    expect_refused(sandbox.run({"list"}),
                   "Refused plugin " + world.plugin.string() +
                       ": it is writable by its group (mode 0775), so "
                       "another user could change what pim-host runs. Run chmod go-w " +
                       world.plugin.string() + ".\n");
    fs::permissions(world.plugin, fs::perms(0755));

    fs::permissions(sandbox.plugins, fs::perms(0777));
    expect_refused(sandbox.run({"list"}), "Refused plugins directory " + sandbox.plugins.string() +
                                              ": it is writable by group and others (mode 0777), so another "
                                              "user could change what pim-host runs. Run chmod go-w " +
                                              sandbox.plugins.string() + ".\n");
    fs::permissions(sandbox.plugins, fs::perms(0755));

    // A link is judged by its target, and by the directory holding the target.
    const fs::path elsewhere = sandbox.root() / "elsewhere";
    fs::create_directory(elsewhere);
    fs::permissions(elsewhere, fs::perms(0755));
    fs::rename(world.plugin, elsewhere / "libexample_c.so");
    fs::create_symlink(elsewhere / "libexample_c.so", world.plugin);
    BOOST_TEST(sandbox.run({"example:hello"}).out == "Hello, world!\n");
    fs::permissions(elsewhere / "libexample_c.so", fs::perms(0646));
    expect_refused(sandbox.run({"list"}), "Refused plugin " + world.plugin.string() + ": it links to " +
                                              (elsewhere / "libexample_c.so").string() + ", which " +
                                              writable_by_others(elsewhere / "libexample_c.so", "0646"));
    fs::permissions(elsewhere / "libexample_c.so", fs::perms(0644));
    fs::permissions(elsewhere, fs::perms(0757));
    expect_refused(sandbox.run({"list"}), "Refused plugin " + world.plugin.string() + ": it links to " +
                                              (elsewhere / "libexample_c.so").string() +
                                              ", whose directory " + elsewhere.string() + " " +
                                              writable_by_others(elsewhere, "0757"));
    fs::permissions(elsewhere, fs::perms(0755));

    // Owned by someone else (only root can give a file away).
    if (geteuid() == 0) {
        BOOST_TEST_REQUIRE(chown(elsewhere.c_str(), 4242, 4242) == 0);
        const auto result = sandbox.run({"list"});
        expect_refused(result, "Refused plugin " + world.plugin.string() + ": it links to " +
                                   (elsewhere / "libexample_c.so").string() + ", whose directory " +
                                   elsewhere.string() +
                                   " is owned by uid 4242, neither root nor the user running pim-host, root "
                                   "(uid 0), so another user could change what pim-host runs. Run chown 0 " +
                                   elsewhere.string() + " if you trust it, or remove it.\n");
        BOOST_TEST_REQUIRE(chown(elsewhere.c_str(), 0, 0) == 0);
    }
    BOOST_TEST(sandbox.run({"example:hello"}).out == "Hello, world!\n");
}

// Item 12: the configuration directory and file too, also ./config found
// implicitly in the current directory.
BOOST_AUTO_TEST_CASE(a_configuration_others_can_write_is_refused) {
    PluginSandbox world;
    const Sandbox &sandbox = world.sandbox;
    ProcessOptions implicit;  // no PIM_CONFIG_DIR: ./config of the current directory
    implicit.args = {"example:hello"};
    implicit.cwd = sandbox.root();
    implicit.set_env = {{"PIM_PLUGINS_DIR", sandbox.plugins.string()}};
    implicit.unset_env = {"PIM_CONFIG_DIR", "PIM_ENV"};
    BOOST_TEST(run_process(host_binary(), implicit).out == "Hello, world!\n");

    const fs::path config = sandbox.config_dir();
    fs::permissions(config, fs::perms(0777));
    const std::string refused_dir = "Refused configuration directory " + config.string() +
                                    ": it is writable by group and others (mode 0777), so another user could "
                                    "change what pim-host runs. Run chmod go-w " +
                                    config.string() + ".\n";
    expect_refused(run_process(host_binary(), implicit), refused_dir);
    expect_refused(sandbox.run({"example:hello"}), refused_dir);
    fs::permissions(config, fs::perms(0755));

    fs::permissions(config / "dev.yaml", fs::perms(0646));
    expect_refused(run_process(host_binary(), implicit), "Refused configuration file " +
                                                             (config / "dev.yaml").string() + ": it " +
                                                             writable_by_others(config / "dev.yaml", "0646"));
    fs::permissions(config / "dev.yaml", fs::perms(0644));
    BOOST_TEST(run_process(host_binary(), implicit).out == "Hello, world!\n");
}

// Item 16: a truncated plugin (its segments beyond the end of the file)
// used to kill the host with SIGBUS inside dlopen.
BOOST_AUTO_TEST_CASE(a_truncated_plugin_is_refused_naming_it) {
    PluginSandbox world;
    const Sandbox &sandbox = world.sandbox;
    const fs::path truncated = sandbox.plugins / "libtruncated.so";
    {
        std::ifstream in(plugins_dir() / "libpim_oauth.so", std::ios::binary);
        std::string head(4096, '\0');
        in.read(head.data(), static_cast<std::streamsize>(head.size()));
        std::ofstream(truncated, std::ios::binary) << head;
    }
    fs::permissions(truncated, fs::perms(0755));
    const auto result = sandbox.run({"list"});
    BOOST_TEST(!result.signaled);
    BOOST_TEST(result.exit_code == 1);
    BOOST_TEST(result.out == "");
    const std::string start =
        "Refused plugin " + truncated.string() + ": the file is truncated (4096 bytes; ";
    BOOST_TEST(result.err.rfind(start, 0) == 0U, result.err);
    const std::string end = "). Reinstall or rebuild it, or remove it from the plugins directory.\n";
    BOOST_TEST((result.err.size() > end.size() && result.err.substr(result.err.size() - end.size()) == end),
               result.err);

    fs::remove(truncated);
    std::ofstream(truncated) << "";  // empty
    fs::permissions(truncated, fs::perms(0644));
    expect_refused(sandbox.run({"list"}),
                   "Refused plugin " + truncated.string() +
                       ": it cannot be loaded (it is not an ELF shared object). Remove it from the plugins "
                       "directory.\n");
}

// Item 17: a directory named like a plugin is no longer skipped silently.
BOOST_AUTO_TEST_CASE(a_directory_named_like_a_plugin_is_reported) {
    PluginSandbox world;
    const Sandbox &sandbox = world.sandbox;
    fs::create_directory(sandbox.plugins / "libdir.so");
    const auto result = sandbox.run({"example:hello"});
    BOOST_TEST(result.exit_code == 0);
    BOOST_TEST(result.out == "Hello, world!\n");
    BOOST_TEST(result.err == "[warning] Skipped " + (sandbox.plugins / "libdir.so").string() +
                                 " in the plugins directory: it is a directory, not a plugin file. Rename or "
                                 "remove it.\n");
}

// Item 8: beyond server.max_connections a connection gets 503 and is closed;
// a place freed serves again.
BOOST_AUTO_TEST_CASE(connections_beyond_the_cap_get_503) {
    Sandbox sandbox;
    sandbox.write_config("dev", sandbox_dev_yaml() + "server:\n  max_connections: 2\n");
    ServerProcess server(sandbox);
    auto first = std::make_unique<RawConnection>(server.port());
    const RawConnection second(server.port());
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // both accepted
    const RawConnection third(server.port());
    third.send("GET /api/rest/v1/currencies HTTP/1.1\r\nHost: localhost\r\n\r\n");
    const std::string refused = third.read_until_closed();
    BOOST_TEST(refused.rfind("HTTP/1.1 503 Service Unavailable\r\n", 0) == 0U, refused);
    BOOST_TEST(refused.find("\r\nRetry-After: 1\r\n") != std::string::npos, refused);
    BOOST_TEST(refused.find("Too many connections. Retry later.") != std::string::npos, refused);

    first.reset();  // a place comes free
    int status = 0;
    for (int attempt = 0; attempt < 50 && status != 401; ++attempt) {
        status = http_request(server.port(), "GET", "/api/rest/v1/currencies").status;
        if (status != 401) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    BOOST_TEST(status == 401);
}

// Item 8: out of file descriptors, `serve` used to re-arm accept at once and
// spin (2.7 s of CPU in 3 s); it backs off, then serves again.
BOOST_AUTO_TEST_CASE(out_of_file_descriptors_serve_backs_off) {
    Sandbox sandbox;
    rlimit saved{};
    BOOST_TEST_REQUIRE(getrlimit(RLIMIT_NOFILE, &saved) == 0);
    const double cpu_before = children_cpu_seconds();
    std::unique_ptr<ServerProcess> server;
    {
        rlimit low = saved;
        low.rlim_cur = 40;  // inherited by the server
        BOOST_TEST_REQUIRE(setrlimit(RLIMIT_NOFILE, &low) == 0);
        try {
            server = std::make_unique<ServerProcess>(sandbox);
        } catch (...) {
            setrlimit(RLIMIT_NOFILE, &saved);
            throw;
        }
        BOOST_TEST_REQUIRE(setrlimit(RLIMIT_NOFILE, &saved) == 0);
    }
    {
        std::vector<std::unique_ptr<RawConnection>> idle;
        for (int i = 0; i < 60; ++i) idle.push_back(std::make_unique<RawConnection>(server->port()));
        std::this_thread::sleep_for(std::chrono::seconds(3));
    }
    int status = 0;
    for (int attempt = 0; attempt < 50 && status != 401; ++attempt) {
        try {
            status = http_request(server->port(), "GET", "/api/rest/v1/currencies").status;
        } catch (const std::exception &) {
            status = 0;
        }
        if (status != 401) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    BOOST_TEST(status == 401);
    BOOST_TEST(server->stop() == 0);
    const double cpu = children_cpu_seconds() - cpu_before;
    BOOST_TEST(cpu < 1.0, "pim-host serve used " << cpu << " s of CPU");
    BOOST_TEST(server->output().find("Cannot accept connections (Too many open files): retrying with "
                                     "back-off.\n") != std::string::npos,
               server->output());
}

// Item 14 (RFC 9112 §6.1): a Transfer-Encoding other than exactly "chunked"
// gets 400 and the connection closes: the body is neither framed by
// Content-Length nor read as the next request.
BOOST_AUTO_TEST_CASE(transfer_codings_other_than_chunked_get_400) {
    Sandbox sandbox;
    ServerProcess server(sandbox);
    const std::string smuggled = "GET /api/rest/v1/currencies HTTP/1.1\r\nHost: localhost\r\n\r\n";
    const std::vector<std::string> codings = {
        "chunked, identity", "identity", "gzip",
        "gzip, chunked",     "foo",      "chunked\r\nTransfer-Encoding: chunked"};
    for (const auto &coding : codings) {
        for (const bool with_length : {false, true}) {
            BOOST_TEST_CONTEXT(coding << (with_length ? " with Content-Length" : "")) {
                const RawConnection connection(server.port());
                connection.send(
                    "POST /api/oauth/v1/token HTTP/1.1\r\nHost: localhost\r\n"
                    "Content-Type: application/json\r\nTransfer-Encoding: " +
                    coding + "\r\n" +
                    (with_length ? "Content-Length: " + std::to_string(smuggled.size()) + "\r\n"
                                 : std::string()) +
                    "\r\n" + smuggled);
                const std::string answer = connection.read_until_closed();
                BOOST_TEST(answer.rfind("HTTP/1.1 400 Bad Request\r\n", 0) == 0U, answer);
                BOOST_TEST(count_of(answer, "HTTP/1.1 ") == 1U, answer);
            }
        }
    }
    // Exactly chunked (any case) is read as chunked.
    const RawConnection chunked(server.port());
    chunked.send(
        "POST /api/oauth/v1/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding:  Chunked \r\nConnection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
    const std::string answer = chunked.read_until_closed();
    BOOST_TEST(answer.rfind("HTTP/1.1 400 ", 0) != 0U, answer);
    BOOST_TEST(answer.rfind("HTTP/1.1 ", 0) == 0U, answer);
}

// An answer to HEAD has a Content-Length and no body: pipelined behind it,
// the next request's answer is read as itself, not after stray body bytes.
BOOST_AUTO_TEST_CASE(head_answers_carry_no_body) {
    Sandbox sandbox;
    ServerProcess server(sandbox);  // dev: /metrics on the main listener
    const RawConnection connection(server.port());
    connection.send(
        "HEAD /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n"
        "HEAD /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n"
        "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    const std::string answer = connection.read_until_closed();
    BOOST_TEST(count_of(answer, "HTTP/1.1 200 OK\r\n") == 3U, answer);
    BOOST_TEST(count_of(answer, "\r\n\r\nHTTP/1.1 200 OK\r\n") == 2U, answer);  // no body between
    BOOST_TEST(count_of(answer, "Content-Length: 15\r\n") == 2U, answer);
    BOOST_TEST(count_of(answer, R"({"status":"ok"})") == 1U, answer);
    BOOST_TEST(answer.find("# HELP") == std::string::npos, answer);
    BOOST_TEST(answer.size() >= 15U);
    BOOST_TEST(answer.substr(answer.size() - 15) == R"({"status":"ok"})");
}

// token-endpoint.md §2: HEAD on the token endpoint is a 405 with Allow: POST;
// its JSON message is not sent, but its length is, and the connection goes on.
BOOST_AUTO_TEST_CASE(head_on_the_token_endpoint_is_405_without_its_body) {
    Sandbox sandbox;
    ServerProcess server(sandbox);
    const RawConnection connection(server.port());
    connection.send(
        "HEAD /api/oauth/v1/token HTTP/1.1\r\nHost: localhost\r\n\r\n"
        "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    const std::string answer = connection.read_until_closed();
    const std::string message =
        R"json({"code":405,"message":"No route found for \"HEAD /api/oauth/v1/token\": Method Not Allowed (Allow: POST)"})json";
    const auto header_end = answer.find("\r\n\r\n");
    BOOST_TEST_REQUIRE(header_end != std::string::npos, answer);
    const std::string head = answer.substr(0, header_end + 2);
    BOOST_TEST(head.rfind("HTTP/1.1 405 Method Not Allowed\r\n", 0) == 0U, head);
    BOOST_TEST(head.find("\r\nAllow: POST\r\n") != std::string::npos, head);
    BOOST_TEST(
        head.find("\r\nContent-Length: " + std::to_string(message.size()) + "\r\n") != std::string::npos,
        head);
    BOOST_TEST(answer.find("No route found") == std::string::npos, answer);
    BOOST_TEST(answer.substr(header_end + 4).rfind("HTTP/1.1 200 OK\r\n", 0) == 0U, answer);
}

// Item 15: the dev environment chosen by default says so when serving.
BOOST_AUTO_TEST_CASE(serve_in_dev_says_so_on_stderr) {
    Sandbox sandbox;
    ServerProcess by_default(sandbox);
    BOOST_TEST(by_default.errors() ==
               "[warning] Serving the dev environment (the default: no --env, no PIM_ENV): development "
               "settings, not for production. Pass --env=prod or set PIM_ENV=prod.\n");
    ServerProcess chosen(sandbox, {}, {"--env=dev"});
    BOOST_TEST(chosen.errors() ==
               "[warning] Serving the dev environment (from --env): development settings, not for "
               "production.\n");

    std::map<std::string, std::string> prod{{"PIM_ENV", "prod"}, {"PIM_SECRET_KEY", test_secret_key}};
    ProcessOptions options;
    options.set_env = prod;
    BOOST_TEST_REQUIRE(sandbox.run({"pim:db:migrate"}, options).exit_code == 0);
    ServerProcess in_prod(sandbox, prod);
    BOOST_TEST(in_prod.errors() == "");
}

// Item 11: a password given as a URL parameter is masked like user:password@.
BOOST_AUTO_TEST_CASE(database_passwords_in_url_parameters_are_masked) {
    Sandbox sandbox;
    ProcessOptions options;
    options.set_env = {
        {"PIM_DATABASE_URL",
         "postgresql://pim:hunter1@127.0.0.1:1/pim?password=hunter2&sslmode=disable&sslpassword=hunter3"}};
    const auto result = sandbox.run({"pim:oauth-server:list-clients"}, options);
    BOOST_TEST(result.exit_code == 1);
    BOOST_TEST(result.err.find(
                   "cannot connect to the database "
                   "postgresql://pim:***@127.0.0.1:1/pim?password=***&sslmode=disable&sslpassword=***:") !=
                   std::string::npos,
               result.err);
    BOOST_TEST(result.err.find("hunter") == std::string::npos, result.err);
}

BOOST_AUTO_TEST_SUITE_END()
