// Faults: processes killed with SIGKILL in the middle of writes, a SQLite
// database locked by another writer, several hosts on one database, and the
// database server stopped and restarted under a running `pim-host serve`.
#include "support/api_world.hpp"
#include "support/sqlite_only.hpp"

#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <random>
#include <thread>

using namespace pim::test;

namespace {

extern "C" char **environ;

long long count(SqlConnection &db, const std::string &sql);

// Whether the stopped process `pid` is inside a write transaction on the
// sandbox's database. SQLite (WAL): it holds the write lock, byte 120 of the
// -shm file (/proc/locks). PostgreSQL: its session has a transaction id or
// sits idle in a transaction. MariaDB: what it wrote is visible to a dirty
// read and not to a committed one.
bool in_write_transaction(const Sandbox &sandbox, SqlConnection &db, pid_t pid) {
    if (sandbox.backend() == TestBackend::sqlite) {
        struct stat shm {};
        if (stat((sandbox.database_file().string() + "-shm").c_str(), &shm) != 0) return false;
        std::ifstream locks("/proc/locks");
        std::string line;
        const std::string inode = ":" + std::to_string(shm.st_ino) + " 120 ";
        while (std::getline(locks, line))
            if (line.find(" WRITE " + std::to_string(pid) + " ") != std::string::npos &&
                line.find(inode) != std::string::npos)
                return true;
        return false;
    }
    if (sandbox.backend() == TestBackend::postgresql)
        return count(db,
                     "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> "
                     "pg_backend_pid() AND (backend_xid IS NOT NULL OR state LIKE 'idle in transaction%')") >
               0;
    const auto counts = [&](const std::string &level) {
        db.execute("SET SESSION TRANSACTION ISOLATION LEVEL " + level);
        std::string all;
        for (const auto &table : db.tables()) all += db.value("SELECT COUNT(*) FROM " + table) + ",";
        return all;
    };
    const std::string dirty = counts("READ UNCOMMITTED");
    return dirty != counts("READ COMMITTED");
}

enum class KillMoment { after_delay, during_a_write };

// Starts pim-host with `args` and kills it with SIGKILL: after `delay`, or
// (during_a_write) at the first moment, checked every millisecond with the
// process stopped, when it is inside a write transaction. Returns whether
// the SIGKILL landed inside a write transaction.
bool run_and_kill(const Sandbox &sandbox, SqlConnection &db, const std::vector<std::string> &args,
                  std::chrono::microseconds delay, KillMoment moment = KillMoment::after_delay) {
    std::map<std::string, std::string> env;
    for (char **entry = environ; *entry != nullptr; ++entry) {
        const std::string text(*entry);
        env[text.substr(0, text.find('='))] = text.substr(text.find('=') + 1);
    }
    for (const auto &[name, value] : sandbox.environment()) env[name] = value;
    std::vector<std::string> env_strings;
    for (const auto &[name, value] : env) env_strings.push_back(name + "=" + value);
    std::vector<std::string> argv_strings{host_binary().string()};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::fflush(nullptr);  // the child must not write the parent's buffered output again
    const pid_t pid = fork();
    if (pid == 0) {
        if (chdir(sandbox.root().c_str()) != 0) _exit(126);
        const int null = open("/dev/null", O_WRONLY);
        dup2(null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
        std::vector<char *> argv, envp;
        for (auto &arg : argv_strings) argv.push_back(arg.data());
        argv.push_back(nullptr);
        for (auto &entry : env_strings) envp.push_back(entry.data());
        envp.push_back(nullptr);
        execve(argv[0], argv.data(), envp.data());
        _exit(127);
    }
    std::this_thread::sleep_for(delay);
    bool landed = false;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    for (;;) {
        kill(pid, SIGSTOP);
        int status = 0;
        waitpid(pid, &status, WUNTRACED);
        if (!WIFSTOPPED(status)) return false;  // it finished first: nothing to kill
        landed = in_write_transaction(sandbox, db, pid);
        if (landed || moment == KillMoment::after_delay || std::chrono::steady_clock::now() > deadline) break;
        kill(pid, SIGCONT);
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    return landed;
}

long long count(SqlConnection &db, const std::string &sql) {
    return std::stoll(db.value(sql));
}

// Nothing half-written: every token has its client (and user), every
// connection its client, every API user its connection, every user its logins.
void expect_consistent(const Sandbox &sandbox) {
    auto db = sandbox.open_database();
    if (sandbox.backend() == TestBackend::sqlite) {
        BOOST_TEST(db->value("PRAGMA integrity_check") == "ok");
        BOOST_TEST(db->rows("PRAGMA foreign_key_check").empty());
    }
    for (const std::string table : {"pim_api_access_token", "pim_api_refresh_token"}) {
        BOOST_TEST(count(*db, "SELECT COUNT(*) FROM " + table +
                                  " t LEFT JOIN pim_api_client c ON c.id = t.client_id WHERE c.id IS NULL") ==
                   0);
        BOOST_TEST(count(*db, "SELECT COUNT(*) FROM " + table +
                                  " t LEFT JOIN pim_user u ON u.id = t.user_id WHERE t.user_id IS NOT NULL "
                                  "AND u.id IS NULL") == 0);
    }
    BOOST_TEST(
        count(*db,
              "SELECT COUNT(*) FROM pim_api_connection x LEFT JOIN pim_api_client c ON c.id = x.client_id "
              "WHERE c.id IS NULL") == 0);
    BOOST_TEST(count(*db,
                     "SELECT COUNT(*) FROM pim_user u LEFT JOIN pim_api_connection x ON x.user_id = u.id "
                     "WHERE u.user_type = 'api' AND x.code IS NULL") == 0);
    BOOST_TEST(count(*db,
                     "SELECT COUNT(*) FROM pim_user u WHERE NOT EXISTS "
                     "(SELECT 1 FROM pim_user_login l WHERE l.user_id = u.id)") == 0);
    BOOST_TEST(count(*db,
                     "SELECT COUNT(*) FROM pim_user_role ur LEFT JOIN pim_role r ON r.id = ur.role_id WHERE "
                     "r.id IS NULL") == 0);
}

std::string token_of(const HttpReply &reply) {
    return std::string(boost::json::parse(reply.body).at("access_token").as_string());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(faults)

BOOST_AUTO_TEST_CASE(sigkill_during_writes_leaves_a_consistent_database) {
    ApiWorld world;
    const auto db = world.sandbox.open_database();
    std::mt19937 random(20261125);
    std::uniform_int_distribution<int> delay_us(0, 120000);
    int landed = 0;
    // Writers killed at random moments, then (the second half) at a moment
    // each is inside its write transaction: connections (user + role +
    // client + record in one transaction), revocations, grants, user creations.
    for (int i = 0; i < 48; ++i) {
        const auto delay = std::chrono::microseconds(i < 24 ? delay_us(random) : 0);
        const KillMoment moment = i < 24 ? KillMoment::after_delay : KillMoment::during_a_write;
        switch (i % 4) {
            case 0:
                landed += run_and_kill(world.sandbox, *db,
                                       {"pim:connection:create", "erp_" + std::to_string(i)}, delay, moment);
                break;
            case 1: {
                const auto client = world.create_client("Doomed " + std::to_string(i));
                (void)world.post_token(
                    R"({"grant_type":"password","username":"myERPuser","password":"myERPuserPassword"})",
                    {{"Authorization", basic(client)}});
                landed += run_and_kill(world.sandbox, *db,
                                       {"pim:oauth-server:revoke-client", "-n", client.id}, delay, moment);
                break;
            }
            case 2:
                landed += run_and_kill(
                    world.sandbox, *db,
                    {"pim:role:grant", "ROLE_MY_ERP_CONNECTOR_ROLE", "pim_api_channel_list"}, delay, moment);
                break;
            default:
                landed += run_and_kill(world.sandbox, *db,
                                       {"pim:user:create", "user" + std::to_string(i), "aPassword123",
                                        "u" + std::to_string(i) + "@example.com", "U", "V", "en_US", "-n"},
                                       delay, moment);
        }
    }
    // The test means nothing unless some SIGKILL did land inside a write.
    BOOST_TEST(landed >= 1, landed << " of 48 SIGKILLs landed inside a write transaction");
    BOOST_TEST_MESSAGE(landed << " of 48 SIGKILLs landed inside a write transaction");
    // The server itself killed in the middle of refresh loops, then restarted.
    std::string refresh(world.password_grant().at("refresh_token").as_string());
    std::atomic<bool> stop{false};
    std::thread refresher([&] {
        while (!stop) {
            try {
                const auto reply = world.refresh(refresh, world.client);
                if (reply.status != 200) break;
                refresh = std::string(boost::json::parse(reply.body).at("refresh_token").as_string());
            } catch (...) {
                break;  // the server is gone
            }
        }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    world.server->kill_now();
    stop = true;
    refresher.join();
    expect_consistent(world.sandbox);

    ServerProcess restarted(world.sandbox);
    const auto fresh =
        http_request(restarted.port(), "POST", "/api/oauth/v1/token",
                     {{"Content-Type", "application/json"}, {"Authorization", basic(world.client)}},
                     R"({"grant_type":"password","username":"myERPuser","password":"myERPuserPassword"})");
    BOOST_TEST(fresh.status == 200);
    BOOST_TEST(world.sandbox.run({"pim:oauth-server:list-clients"}).exit_code == 0);
}

BOOST_AUTO_TEST_CASE(several_hosts_on_one_database_see_revocations_at_once) {
    ApiWorld world;
    ServerProcess other(world.sandbox);
    const auto on = [&](unsigned short port, const std::string &token) {
        return http_request(port, "GET", "/api/rest/v1/currencies", {{"Authorization", "Bearer " + token}})
            .status;
    };
    const std::string token(world.password_grant().at("access_token").as_string());
    BOOST_TEST(on(world.port(), token) == 200);
    BOOST_TEST(on(other.port(), token) == 200);

    world.host({"pim:role:deny", "ROLE_MY_ERP_CONNECTOR_ROLE", "pim_api_currency_list"});
    BOOST_TEST(on(world.port(), token) == 403);
    BOOST_TEST(on(other.port(), token) == 403);
    world.host({"pim:role:grant", "ROLE_MY_ERP_CONNECTOR_ROLE", "pim_api_currency_list"});

    world.host({"pim:oauth-server:regenerate-secret", "-n", world.client.id});
    BOOST_TEST(on(world.port(), token) == 401);
    BOOST_TEST(on(other.port(), token) == 401);

    const auto client = world.create_client("Second");
    const std::string second = token_of(
        http_request(other.port(), "POST", "/api/oauth/v1/token",
                     {{"Content-Type", "application/json"}, {"Authorization", basic(client)}},
                     R"({"grant_type":"password","username":"myERPuser","password":"myERPuserPassword"})"));
    BOOST_TEST(on(world.port(), second) == 200);
    world.host({"hook", "api_connection.revoke", R"({"client_id":")" + client.id + "\"}"});
    BOOST_TEST(on(world.port(), second) == 401);
    BOOST_TEST(on(other.port(), second) == 401);
}

BOOST_AUTO_TEST_CASE(a_locked_sqlite_database_is_waited_for_then_reported,
                     *boost::unit_test::precondition(sqlite_only)) {
    Sandbox sandbox;
    std::string yaml = sandbox_dev_yaml();
    yaml.replace(yaml.find("  auto_migrate: true\n"), 21, "  auto_migrate: true\n  busy_timeout_ms: 600\n");
    sandbox.write_config("dev", yaml);
    BOOST_TEST_REQUIRE(sandbox.run({"pim:db:migrate"}).exit_code == 0);
    sqlite3 *holder = nullptr;
    BOOST_TEST_REQUIRE(sqlite3_open(sandbox.database_file().c_str(), &holder) == SQLITE_OK);
    BOOST_TEST_REQUIRE(sqlite3_exec(holder, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);

    // Held for longer than the timeout: a clear error, nothing written.
    const auto started = std::chrono::steady_clock::now();
    const auto refused = sandbox.run({"pim:oauth-server:create-client", "ERP"});
    const auto waited = std::chrono::steady_clock::now() - started;
    BOOST_TEST(refused.exit_code == 1);
    BOOST_TEST(
        refused.err ==
        "the SQLite database " + sandbox.database_file().string() +
            " stayed locked by another writer beyond the busy timeout (database.busy_timeout_ms). Retry, "
            "or raise the timeout.\n");
    BOOST_TEST(waited >= std::chrono::milliseconds(550));

    // Released within the timeout: the command waits and succeeds.
    std::thread release([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
        sqlite3_exec(holder, "COMMIT", nullptr, nullptr, nullptr);
    });
    BOOST_TEST_REQUIRE(sqlite3_exec(holder, "SELECT 1", nullptr, nullptr, nullptr) == SQLITE_OK);
    const auto accepted = sandbox.run({"pim:oauth-server:create-client", "ERP"});
    release.join();
    sqlite3_close(holder);
    BOOST_TEST(accepted.exit_code == 0, accepted.err);
    const auto listed = sandbox.run({"pim:oauth-server:list-clients", "--format=json"});
    BOOST_TEST(boost::json::parse(listed.out).at("clients").as_array().size() == 1U);
}

BOOST_AUTO_TEST_SUITE_END()

// A PostgreSQL server of this test's own, stopped and restarted under a
// running `pim-host serve`: 503 while it is down, normal service after.
BOOST_AUTO_TEST_SUITE(server_restart, *boost::unit_test::label("postgresql_server_of_its_own"))

BOOST_AUTO_TEST_CASE(requests_get_503_while_the_database_is_down_and_recover) {
    TempDir state;
    const std::string script = (source_dir() / "tests" / "servers" / "postgresql.sh").string();
    const auto server = [&](const std::string &command) {
        ProcessOptions options;
        options.args = {script, command, state.path().string()};
        const auto result = run_process("/bin/bash", options);
        BOOST_TEST_REQUIRE(result.exit_code == 0, result.err);
    };
    server("start");
    std::string url;
    {
        std::ifstream env(state.path() / "env");
        for (std::string line; std::getline(env, line);)
            if (line.rfind("PIM_TEST_PG_ADMIN_URL=", 0) == 0) url = line.substr(22);
    }
    struct Stop {
        std::function<void()> stop;
        ~Stop() { stop(); }
    } cleanup{[&] { server("stop"); }};

    Sandbox sandbox;
    const std::map<std::string, std::string> env{{"PIM_DATABASE_URL", url}};
    ProcessOptions with_url;
    with_url.set_env = env;
    const auto run = [&](const std::vector<std::string> &args) {
        const auto result = sandbox.run(args, with_url);
        BOOST_TEST_REQUIRE(result.exit_code == 0, result.err);
        return result.out;
    };
    run({"pim:user:create", "myERPuser", "myERPuserPassword", "myerpuser@example.com", "My", "ERPuser",
         "en_US", "-n"});
    run({"pim:role:create", "API"});
    run({"pim:role:grant", "ROLE_API", "pim_api_overall_access", "pim_api_currency_list"});
    run({"pim:user:add-role", "myERPuser", "ROLE_API"});
    const auto created =
        boost::json::parse(run({"pim:oauth-server:create-client", "ERP", "--format=json"})).as_object();
    const ClientCredentialsPair client{std::string(created.at("client_id").as_string()),
                                       std::string(created.at("secret").as_string())};
    ServerProcess serve(sandbox, env);
    const auto grant = [&] {
        return http_request(
            serve.port(), "POST", "/api/oauth/v1/token",
            {{"Content-Type", "application/json"}, {"Authorization", basic(client)}},
            R"({"grant_type":"password","username":"myERPuser","password":"myERPuserPassword"})");
    };
    const std::string token = token_of(grant());
    const auto api = [&] {
        return http_request(serve.port(), "GET", "/api/rest/v1/currencies",
                            {{"Authorization", "Bearer " + token}});
    };
    BOOST_TEST(api().status == 200);

    server("halt");
    for (int i = 0; i < 3; ++i) {
        const auto down = api();
        BOOST_TEST(down.status == 503);
        BOOST_TEST(down.body == R"({"code":503,"message":"Service temporarily unavailable."})");
        BOOST_TEST(grant().status == 503);
    }
    server("resume");
    // Dead pooled connections are dropped; within a few calls every one is fresh.
    int ok = 0;
    for (int i = 0; i < 40 && ok < 5; ++i) ok = api().status == 200 ? ok + 1 : 0;
    BOOST_TEST(ok == 5);
    BOOST_TEST(grant().status == 200);

    // What /metrics (dev: on the main listener) says of it.
    const auto scraped = http_request(serve.port(), "GET", "/metrics");
    BOOST_TEST_REQUIRE(scraped.status == 200);
    const auto value = [&](const std::string &series) {
        const auto at = scraped.body.find("\n" + series + " ");
        return at == std::string::npos ? -1.0 : std::stod(scraped.body.substr(at + series.size() + 2));
    };
    BOOST_TEST(value(R"(pim_oauth_bearer_checks_total{outcome="503"})") >= 3);
    BOOST_TEST(value(R"(pim_oauth_token_requests_total{grant_type="password",outcome="unavailable"})") == 3);
    BOOST_TEST(value("pim_oauth_database_errors_total") >= 6, scraped.body);
    BOOST_TEST(value("pim_oauth_database_reconnects_total") >= 1, scraped.body);
}

BOOST_AUTO_TEST_SUITE_END()
