// Handlers that may block (ABI 1.2, PIM_ROUTE_MAY_BLOCK; pim-oauth's token
// endpoint, where Argon2id runs) are served by pim-host's worker pool
// (server.slow_workers, server.slow_queue_limit), never on its I/O threads:
// API calls do not wait behind password hashes, a full queue answers 503 at
// once, and a request whose client has gone is dropped, not hashed. Only
// the requests the plugin says may block (ABI 1.4: password grants) go there.
#include "support/http_client.hpp"
#include "support/sandbox.hpp"
#include "support/server_process.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <thread>
#include <vector>

using namespace pim::test;
using Clock = std::chrono::steady_clock;

namespace {

const std::string username = "myERPuser";
const std::string password = "myERPuserPassword";

// `argon2id` replaces the sandbox's cheap parameters; `server` is the
// server: section. The user is hashed under these parameters, so every
// password grant verifies at that cost.
class SlowWorld {
public:
    SlowWorld(const std::string &argon2id, const std::string &server,
              const std::map<std::string, std::string> &serve_env = {}) {
        std::string yaml = sandbox_dev_yaml();
        const std::string cheap = "      opslimit: 2\n      memlimit_kib: 19456\n";
        yaml.replace(yaml.find(cheap), cheap.size(), argon2id);
        sandbox.write_config("dev", yaml + "server:\n" + server);
        host(
            {"pim:user:create", username, password, "myerpuser@example.com", "My", "ERPuser", "en_US", "-n"});
        host({"pim:role:create", "My ERP connector role"});
        host({"pim:role:grant", "ROLE_MY_ERP_CONNECTOR_ROLE", "pim_api_overall_access",
              "pim_api_currency_list"});
        host({"pim:user:add-role", username, "ROLE_MY_ERP_CONNECTOR_ROLE"});
        const auto client =
            boost::json::parse(host({"pim:oauth-server:create-client", "ERP", "--format=json"})).as_object();
        authorization = "Basic " + base64(std::string(client.at("client_id").as_string()) + ":" +
                                          std::string(client.at("secret").as_string()));
        server_process = std::make_unique<ServerProcess>(
            sandbox, serve_env, std::vector<std::string>{"-v"});  // token request lines
    }

    std::string host(const std::vector<std::string> &args) const {
        const auto result = sandbox.run(args);
        BOOST_TEST_REQUIRE(result.exit_code == 0, args.front() + ": " + result.err + result.out);
        return result.out;
    }

    [[nodiscard]] unsigned short port() const { return server_process->port(); }

    HttpReply grant() const {
        return http_request(port(), "POST", "/api/oauth/v1/token",
                            {{"Content-Type", "application/json"}, {"Authorization", authorization}},
                            grant_body());
    }

    // The same request as raw bytes, for connections the test controls.
    [[nodiscard]] std::string raw_grant() const {
        const std::string body = grant_body();
        return "POST /api/oauth/v1/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
               "Authorization: " +
               authorization + "\r\nContent-Length: " + std::to_string(body.size()) +
               "\r\nConnection: close\r\n\r\n" + body;
    }

    static std::string grant_body() {
        return R"({"grant_type":"password","username":")" + username + R"(","password":")" + password + "\"}";
    }

    [[nodiscard]] std::string log() const { return server_process->output() + server_process->errors(); }

    Sandbox sandbox;
    std::string authorization;
    std::unique_ptr<ServerProcess> server_process;
};

std::size_t count_of(const std::string &text, const std::string &needle) {
    std::size_t count = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++count;
    return count;
}

// A TCP connection whose bytes and closing the test controls.
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
    ~RawConnection() { close_now(false); }
    RawConnection(const RawConnection &) = delete;
    RawConnection &operator=(const RawConnection &) = delete;

    void send(const std::string &bytes) const {
        BOOST_TEST_REQUIRE(::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
                           static_cast<ssize_t>(bytes.size()));
    }
    // `reset`: RST instead of FIN (SO_LINGER 0), as a killed client's kernel may send.
    void close_now(bool reset) {
        if (fd_ < 0) return;
        if (reset) {
            const linger now{1, 0};
            setsockopt(fd_, SOL_SOCKET, SO_LINGER, &now, sizeof now);
        }
        ::close(fd_);
        fd_ = -1;
    }
    // Everything the server sends until it closes the connection, or what came within `limit`.
    [[nodiscard]] std::string read_until_closed(
        std::chrono::milliseconds limit = std::chrono::seconds(30)) const {
        std::string received;
        const auto deadline = Clock::now() + limit;
        while (Clock::now() < deadline) {
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

// The resident memory of process `pid` in KiB (VmRSS).
long resident_kib(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

// A line's value from /proc/PID/task/TID/FILE ("Cpus_allowed_list", "policy"…).
std::string task_field(pid_t pid, const std::string &tid, const std::string &file, const std::string &key) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/task/" + tid + "/" + file);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind(key, 0) != 0) continue;
        const auto value = line.find_first_not_of(" \t:", key.size());
        return value == std::string::npos ? "" : line.substr(value);
    }
    return "";
}

// Thread name (comm) → thread ids of `pid`.
std::multimap<std::string, std::string> threads_by_name(pid_t pid) {
    std::multimap<std::string, std::string> threads;
    for (const auto &task : std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/task")) {
        std::ifstream comm(task.path() / "comm");
        std::string name;
        std::getline(comm, name);
        threads.emplace(name, task.path().filename().string());
    }
    return threads;
}

double millis_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(slow_handlers)

// How serve's threads run: the hashing workers under SCHED_IDLE (a waking
// I/O thread preempts them at once), the I/O threads under SCHED_OTHER.
void check_thread_setup(const SlowWorld &world) {
    const pid_t pid = world.server_process->pid();
    const auto threads = threads_by_name(pid);
    BOOST_TEST_REQUIRE(threads.count("pim-slow-0") == 1U);
    BOOST_TEST_REQUIRE(threads.count("pim-slow-1") == 1U);
    for (const char *worker : {"pim-slow-0", "pim-slow-1"})
        BOOST_TEST(task_field(pid, threads.find(worker)->second, "sched", "policy") == "5",
                   worker);  // SCHED_IDLE
    BOOST_TEST_REQUIRE(threads.count("pim-io-1") == 1U);
    BOOST_TEST(task_field(pid, threads.find("pim-io-1")->second, "sched", "policy") == "0");  // SCHED_OTHER
    BOOST_TEST(task_field(pid, std::to_string(pid), "sched", "policy") == "0");
}

BOOST_AUTO_TEST_CASE(workers_run_idle_and_io_threads_normally) {
    SlowWorld world("      opslimit: 2\n      memlimit_kib: 19456\n", "  slow_workers: 2\n  threads: 2\n");
    check_thread_setup(world);
    const auto reply = world.grant();  // a worker still hashes
    BOOST_TEST(reply.status == 200, reply.body);
}

// "Listening on" comes once every thread is named and set up, however long
// that takes: here each naming and policy change waits 200 ms
// (slow_thread_setup.c), and the threads are read at once after the line.
BOOST_AUTO_TEST_CASE(serve_says_it_listens_once_its_threads_are_set_up) {
#if defined(__SANITIZE_ADDRESS__)
    BOOST_TEST_MESSAGE("skipped under AddressSanitizer: its runtime must be the first library loaded");
    return;
#endif
    SlowWorld world("      opslimit: 2\n      memlimit_kib: 19456\n", "  slow_workers: 2\n  threads: 2\n",
                    {{"LD_PRELOAD", PIM_TEST_SLOW_THREAD_SETUP}});
    check_thread_setup(world);
}

// The worker's 64 MiB of Argon2id memory stays mapped after a grant (the
// next hash reuses it instead of faulting in fresh pages) and is unmapped
// once idle for keep_memory_seconds (docs/operations.md, "Memory").
BOOST_AUTO_TEST_CASE(argon2id_memory_is_kept_after_a_grant_and_unmapped_when_idle) {
    SlowWorld world("      opslimit: 2\n      memlimit_kib: 65536\n      keep_memory_seconds: 1\n",
                    "  slow_workers: 1\n");
    const pid_t pid = world.server_process->pid();
    const long before = resident_kib(pid);
    const auto reply = world.grant();
    BOOST_TEST_REQUIRE(reply.status == 200, reply.body);
    const long kept = resident_kib(pid);
    BOOST_TEST(kept - before >= 60000,
               "resident " << before << " KiB before the grant, " << kept << " after");
    long now = kept;
    for (const auto start = Clock::now(); now - before >= 32768 && millis_since(start) < 10000;) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        now = resident_kib(pid);
    }
    BOOST_TEST(now - before < 32768,
               "resident " << now << " KiB 10 s after the grant, " << before << " before");
    const auto again = world.grant();  // a fresh mapping works as well
    BOOST_TEST(again.status == 200, again.body);
}

// Four connectors logging in at once at the production cost (Argon2id,
// 64 MiB) while another makes API calls: the calls are answered by the I/O
// threads, which no hash occupies. A functional bound, far below the time of
// one hash (about 160 ms on the 2-core CI machine; the four grants queue on
// the workers for a multiple of that): before the worker pool the median
// call took about 190 ms.
BOOST_AUTO_TEST_CASE(api_calls_do_not_wait_behind_password_hashes) {
    SlowWorld world("      opslimit: 2\n      memlimit_kib: 65536\n", "  slow_workers: 2\n");
    const auto first = world.grant();
    BOOST_TEST_REQUIRE(first.status == 200, first.body);
    const std::string token(boost::json::parse(first.body).at("access_token").as_string());

    std::atomic<int> running{0}, granted{0}, failed{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> connectors;
    for (int i = 0; i < 4; ++i)
        connectors.emplace_back([&] {
            ++running;
            while (!stop) {
                const auto reply = world.grant();
                ++(reply.status == 200 ? granted : failed);
            }
        });
    while (running < 4) std::this_thread::yield();
    std::vector<double> calls;
    const auto start = Clock::now();
    // At least 8 grants (two rounds of the four) and 2 s of calls beside them.
    while (granted + failed < 8 || millis_since(start) < 2000) {
        const auto sent = Clock::now();
        const auto reply = http_request(world.port(), "GET", "/api/rest/v1/currencies",
                                        {{"Authorization", "Bearer " + token}});
        calls.push_back(millis_since(sent));
        BOOST_TEST_REQUIRE(reply.status == 200, reply.body);
    }
    stop = true;
    for (auto &connector : connectors) connector.join();
    BOOST_TEST(failed.load() == 0);
    BOOST_TEST_REQUIRE(calls.size() >= 20U);
    std::sort(calls.begin(), calls.end());
    const double median = calls[calls.size() / 2];
    BOOST_TEST_MESSAGE("GET during " << granted.load() << " grants: " << calls.size() << " calls, median "
                                     << median << " ms, max " << calls.back() << " ms");
    BOOST_TEST(median < 40.0, "median " << median << " ms");
}

// server.slow_queue_limit: with one worker busy and one request waiting, the
// next token requests get 503 with Retry-After at once, in the token
// endpoint's JSON style; the two admitted ones are served.
BOOST_AUTO_TEST_CASE(a_full_queue_answers_503_at_once) {
    SlowWorld world("      opslimit: 6\n      memlimit_kib: 65536\n",
                    "  slow_workers: 1\n  slow_queue_limit: 1\n");
    std::vector<std::unique_ptr<RawConnection>> connections;
    for (int i = 0; i < 5; ++i) {
        connections.push_back(std::make_unique<RawConnection>(world.port()));
        connections.back()->send(world.raw_grant());
        // Lets the worker take the first grant before the others come (it hashes for far longer).
        if (i == 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    const auto sent = Clock::now();
    std::vector<std::string> answers(connections.size());
    std::vector<double> times(connections.size());
    std::vector<std::thread> readers;
    for (std::size_t i = 0; i < connections.size(); ++i)
        readers.emplace_back([&, i] {
            answers[i] = connections[i]->read_until_closed();
            times[i] = millis_since(sent);
        });
    for (auto &reader : readers) reader.join();
    double first_200 = 1e9, last_503 = 0;
    int served = 0, refused = 0;
    for (std::size_t i = 0; i < answers.size(); ++i) {
        const std::string &answer = answers[i];
        if (answer.rfind("HTTP/1.1 200 ", 0) == 0) {
            ++served;
            first_200 = std::min(first_200, times[i]);
        } else {
            BOOST_TEST(answer.rfind("HTTP/1.1 503 ", 0) == 0U, answer);
            BOOST_TEST(answer.find("\r\nRetry-After: 1\r\n") != std::string::npos, answer);
            BOOST_TEST(
                answer.find("\r\n\r\n{\"code\":503,\"message\":\"The server is busy. Retry later.\"}") !=
                    std::string::npos,
                answer);
            ++refused;
            last_503 = std::max(last_503, times[i]);
        }
    }
    BOOST_TEST(served == 2);
    BOOST_TEST(refused == 3);
    // At once: before the first admitted grant has finished its hash.
    BOOST_TEST(last_503 < first_200, last_503 << " ms, first 200 after " << first_200 << " ms");
}

// ABI 1.4 request_may_block: only password grants go to the workers. With
// the one worker hashing and the queue full (a further password grant gets
// 503), a refresh grant is answered at once by an I/O thread, before the
// password grants admitted before it: it neither waits in the queue nor gets
// 503. Each hash takes about a second here (opslimit 24, 64 MiB), far longer
// than the test's 300 ms windows even on an idle machine.
BOOST_AUTO_TEST_CASE(refresh_grants_do_not_queue_behind_password_hashes) {
    SlowWorld world("      opslimit: 24\n      memlimit_kib: 65536\n",
                    "  slow_workers: 1\n  slow_queue_limit: 1\n");
    const HttpReply first = world.grant();
    BOOST_TEST_REQUIRE(first.status == 200, first.body);
    const std::string refresh_token(
        boost::json::parse(first.body).as_object().at("refresh_token").as_string());
    // Password grants until one is refused at once: the worker is hashing and
    // the queue is full. No fixed count: on a loaded machine the worker may
    // take the first grant only after the second has arrived (a CI run saw
    // the third admitted after a 100 ms pause).
    std::vector<std::unique_ptr<RawConnection>> grants;
    std::string saturated;
    for (int i = 0; i < 6 && saturated.empty(); ++i) {
        grants.push_back(std::make_unique<RawConnection>(world.port()));
        grants.back()->send(world.raw_grant());
        saturated = grants.back()->read_until_closed(std::chrono::milliseconds(300));  // empty: admitted
    }
    BOOST_TEST_REQUIRE(saturated.rfind("HTTP/1.1 503 ", 0) == 0U, saturated);  // the queue is full
    BOOST_TEST_REQUIRE(grants.size() >= 2U);

    const auto sent = Clock::now();
    const HttpReply refreshed =
        http_request(world.port(), "POST", "/api/oauth/v1/token",
                     {{"Content-Type", "application/json"}, {"Authorization", world.authorization}},
                     R"({"grant_type":"refresh_token","refresh_token":")" + refresh_token + "\"}");
    const double refresh_ms = millis_since(sent);
    BOOST_TEST(refreshed.status == 200, refreshed.body);
    // The last admitted grant: queued, or hashing, when the refresh was sent.
    const std::string hashed = grants[grants.size() - 2]->read_until_closed();
    const double hash_done_ms = millis_since(sent);
    BOOST_TEST(hashed.rfind("HTTP/1.1 200 ", 0) == 0U, hashed);
    BOOST_TEST(refresh_ms < hash_done_ms,
               "refresh " << refresh_ms << " ms, the admitted grant done after " << hash_done_ms << " ms");
}

// One worker hashes a grant; four more wait, and their clients leave (two
// close, two reset). None of them is verified: the plugin logs one token
// request, one access token exists, and the host logs the four as 499.
BOOST_AUTO_TEST_CASE(a_request_whose_client_left_is_not_hashed) {
    SlowWorld world("      opslimit: 6\n      memlimit_kib: 65536\n",
                    "  slow_workers: 1\n  slow_queue_limit: 16\n");
    RawConnection running(world.port());
    running.send(world.raw_grant());
    // Orders the first grant before the others (it hashes for far longer).
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    for (int i = 0; i < 4; ++i) {
        RawConnection leaving(world.port());
        leaving.send(world.raw_grant());
        leaving.close_now(i % 2 == 1);
    }
    const std::string answer = running.read_until_closed();
    BOOST_TEST(answer.rfind("HTTP/1.1 200 ", 0) == 0U, answer);
    const auto deadline = Clock::now() + std::chrono::seconds(30);
    while (count_of(world.log(), "\"POST /api/oauth/v1/token\" 499 ") < 4 && Clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));  // polls for the log lines
    const std::string log = world.log();
    BOOST_TEST(count_of(log, "\"POST /api/oauth/v1/token\" 499 ") == 4U, log);
    BOOST_TEST(count_of(log, "token request: ") == 1U, log);
    BOOST_TEST(world.sandbox.open_database()->value("SELECT COUNT(*) FROM pim_api_access_token") == "1");
}

BOOST_AUTO_TEST_SUITE_END()
