// pim-oauth-bench: the bearer check through the plugin ABI, on a host
// without metrics and on one whose metric services (ABI 1.3) the plugin
// reports to, against a bare prepared, indexed SQLite lookup on the same
// data, at 10k and 1M live tokens; and token issuance per second (password
// and refresh grants) against Argon2id alone. Prints figures and ratios;
// see docs/performance.md.
//
//   build/bin/pim-oauth-bench [--tokens=10000,1000000] [--calls=200000] [--grants=20]
#include "app/usage_recorder.hpp"
#include "config/yaml_config.hpp"
#include "domain/key_ring.hpp"
#include "domain/random.hpp"
#include "loader/plugin_loader.hpp"
#include "metrics/metrics.hpp"

#include <sodium.h>
#include <sqlite3.h>
#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

const char *const secret_key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
constexpr unsigned long long argon_ops = 2;
constexpr std::size_t argon_kib = 19456;

struct Percentiles {
    double p50 = 0, p99 = 0;
};

Percentiles percentiles(std::vector<double> samples) {
    std::sort(samples.begin(), samples.end());
    return {samples[samples.size() / 2], samples[samples.size() * 99 / 100]};
}

constexpr int rounds = 10;

void append(std::vector<double> &to, const std::vector<double> &from) {
    to.insert(to.end(), from.begin(), from.end());
}

double micros_since(Clock::time_point start) {
    return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

// A host: the real loader and registry, no console, logs dropped; with
// `with_metrics`, the metric services of pim-host serve.
struct BenchHost {
    fs::path dir;
    pim::host::YamlConfig config;
    pim::host::Registry registry{{}, {"host", "server"}};
    std::unique_ptr<pim::host::Metrics> metrics;  // outlives the plugins
    std::unique_ptr<pim::host::PluginHost> plugins;

    BenchHost(const fs::path &work, const fs::path &plugins_dir, bool with_metrics) : dir(work) {
        fs::create_directories(dir / "config");
        std::ofstream(dir / "config" / "dev.yaml")
            << "database:\n  url: sqlite3://bench.db\n  auto_migrate: true\n  pool_size: 2\n"
            << "security:\n  secret_key: " << secret_key
            << "\n  password:\n    argon2id:\n      opslimit: " << argon_ops
            << "\n      memlimit_kib: " << argon_kib << "\n";
        config = pim::host::YamlConfig::load(dir / "config" / "dev.yaml");
        if (with_metrics) metrics = std::make_unique<pim::host::Metrics>();
        plugins = std::make_unique<pim::host::PluginHost>(
            config, pim::host::HostIdentity{"dev", dir.string()}, registry, [](int, std::string_view) {},
            metrics.get());
        plugins->load(plugins_dir / "libpim_oauth.so");
    }

    std::string hook(const std::string &name, const std::string &request) {
        std::string response;
        const pim_sink sink{
            &response, [](void *o, const char *d, size_t n) { static_cast<std::string *>(o)->append(d, n); }};
        const auto *entry = registry.find_hook(name);
        const int status =
            entry->handler(entry->plugin->state, name.c_str(), request.data(), request.size(), &sink);
        if (status >= 300) throw std::runtime_error(name + " failed: " + response);
        return response;
    }

    int token_request(const std::string &body, std::string &response_body) {
        const auto &route = registry.routes().front();
        const std::string content_type = "application/json";
        const pim_http_header header{{"Content-Type", 12}, {content_type.data(), content_type.size()}};
        pim_http_request request{};
        request.struct_size = sizeof request;
        request.method = {"POST", 4};
        request.path = {route.path.data(), route.path.size()};
        request.headers = &header;
        request.header_count = 1;
        request.body = {body.data(), body.size()};
        struct Out {
            int status = 0;
            std::string *body;
        } out{0, &response_body};
        response_body.clear();
        pim_http_response response{};
        response.struct_size = sizeof response;
        response.opaque = &out;
        response.set_status = [](void *o, int s) { static_cast<Out *>(o)->status = s; };
        response.add_header = [](void *, pim_string_view, pim_string_view) {};
        response.write_body = [](void *o, const char *d, size_t n) {
            static_cast<Out *>(o)->body->append(d, n);
        };
        route.handler(route.plugin->state, &request, &response);
        return out.status;
    }
};

// Bulk-inserts `count` live tokens for client 1 / user 1; returns a sample of them.
std::vector<std::string> insert_tokens(const fs::path &db_file, const pim::KeyRing &keys, std::size_t count,
                                       std::size_t already) {
    sqlite3 *db = nullptr;
    sqlite3_open(db_file.c_str(), &db);
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_stmt *insert = nullptr;
    sqlite3_prepare_v2(
        db,
        "INSERT INTO pim_api_access_token (token_hash, client_id, user_id, family_id, expires_at) "
        "VALUES (?, 1, 1, 'bench', ?)",
        -1, &insert, nullptr);
    const auto expires = static_cast<sqlite3_int64>(std::time(nullptr) + 86400);
    std::vector<std::string> sample;
    for (std::size_t i = already; i < count; ++i) {
        const std::string token = pim::random_token();
        const std::string hash = keys.hash_token(token);
        sqlite3_bind_text(insert, 1, hash.data(), static_cast<int>(hash.size()), SQLITE_TRANSIENT);
        sqlite3_bind_int64(insert, 2, expires);
        sqlite3_step(insert);
        sqlite3_reset(insert);
        if (i % 97 == 0 && sample.size() < 10000) sample.push_back(token);
    }
    sqlite3_finalize(insert);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return sample;
}

std::vector<double> bench_authenticator(BenchHost &host, const std::vector<std::string> &tokens,
                                        std::size_t calls) {
    const auto *authenticator = host.registry.authenticator();
    std::vector<std::string> headers;
    for (const auto &token : tokens) headers.push_back("Bearer " + token);
    std::vector<double> samples;
    samples.reserve(calls);
    std::size_t granted = 0;
    pim_principal_sink sink{&granted,
                            [](void *o, const pim_principal *) { ++*static_cast<std::size_t *>(o); }};
    pim_http_response refusal{};
    refusal.struct_size = sizeof refusal;
    refusal.set_status = [](void *, int) {};
    refusal.add_header = [](void *, pim_string_view, pim_string_view) {};
    refusal.write_body = [](void *, const char *, size_t) {};
    for (std::size_t i = 0; i < calls; ++i) {
        const std::string &header = headers[i % headers.size()];
        pim_auth_request request{};
        request.struct_size = sizeof request;
        request.method = {"GET", 3};
        request.authorization = {header.data(), header.size()};
        request.required_permission = "pim_api_currency_list";
        const auto start = Clock::now();
        authenticator->authenticate(authenticator->plugin->state, &request, &sink, &refusal);
        samples.push_back(micros_since(start));
    }
    if (granted != calls) throw std::runtime_error("some bearer checks were refused");
    return samples;
}

// The baseline: the indexed token lookup alone, raw SQLite C API, prepared once.
std::vector<double> bench_bare_lookup(const fs::path &db_file, const pim::KeyRing &keys,
                                      const std::vector<std::string> &tokens, std::size_t calls) {
    sqlite3 *db = nullptr;
    sqlite3_open_v2(db_file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt *select = nullptr;
    sqlite3_prepare_v2(db, "SELECT expires_at FROM pim_api_access_token WHERE token_hash = ?", -1, &select,
                       nullptr);
    std::vector<std::string> hashes;
    for (const auto &token : tokens) hashes.push_back(keys.hash_token(token));
    std::vector<double> samples;
    samples.reserve(calls);
    sqlite3_int64 sum = 0;
    for (std::size_t i = 0; i < calls; ++i) {
        const std::string &hash = hashes[i % hashes.size()];
        const auto start = Clock::now();
        sqlite3_bind_text(select, 1, hash.data(), static_cast<int>(hash.size()), SQLITE_STATIC);
        if (sqlite3_step(select) == SQLITE_ROW) sum += sqlite3_column_int64(select, 0);
        sqlite3_reset(select);
        samples.push_back(micros_since(start));
    }
    sqlite3_finalize(select);
    sqlite3_close(db);
    if (sum == 0) throw std::runtime_error("the bare lookup found nothing");
    return samples;
}

// What usage recording (issue 15: write-behind, always on in the plugin, so
// inside "auth" above) adds to a granted check, alone: one count and one
// last-use update in the in-memory recorder, per call, in batches of 100.
Percentiles bench_recording(int calls) {
    pim::UsageRecorder recorder;
    std::vector<double> samples;
    constexpr int batch = 100;
    for (int i = 0; i < calls / batch; ++i) {
        const auto start = Clock::now();
        for (int j = 0; j < batch; ++j) {
            const std::int64_t client = 1 + (i * batch + j) % 50;
            recorder.count(client, 1764662400 + i, pim::Metric::api_granted);
            recorder.used(client, client + 1000, client + 100000, 1764662400 + i);
        }
        samples.push_back(micros_since(start) * 1000.0 / batch);  // ns per check
        if (i % 1000 == 999) (void)recorder.take();               // as the background flush would
    }
    return percentiles(samples);
}

void bench_grants(BenchHost &host, const std::string &client_id, const std::string &secret, int grants) {
    const std::string password_body =
        R"({"grant_type":"password","username":"bench","password":"benchPassword1","client_id":")" +
        client_id + R"(","client_secret":")" + secret + "\"}";
    std::string body;
    auto start = Clock::now();
    std::string refresh;
    for (int i = 0; i < grants; ++i) {
        if (host.token_request(password_body, body) != 200)
            throw std::runtime_error("password grant failed: " + body);
        refresh = std::string(boost::json::parse(body).at("refresh_token").as_string());
    }
    const double password_per_second = grants / (micros_since(start) / 1e6);

    char encoded[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(encoded, "benchPassword1", 14, argon_ops, argon_kib * 1024) != 0)
        throw std::runtime_error("hash failed");
    start = Clock::now();
    for (int i = 0; i < grants; ++i)
        if (crypto_pwhash_str_verify(encoded, "benchPassword1", 14) != 0)
            throw std::runtime_error("verify failed");
    const double argon_per_second = grants / (micros_since(start) / 1e6);

    const int refreshes = grants * 50;
    start = Clock::now();
    for (int i = 0; i < refreshes; ++i) {
        const std::string refresh_body = R"({"grant_type":"refresh_token","refresh_token":")" + refresh +
                                         R"(","client_id":")" + client_id + R"(","client_secret":")" +
                                         secret + "\"}";
        if (host.token_request(refresh_body, body) != 200)
            throw std::runtime_error("refresh failed: " + body);
        refresh = std::string(boost::json::parse(body).at("refresh_token").as_string());
    }
    const double refresh_per_second = refreshes / (micros_since(start) / 1e6);

    std::printf("\nToken issuance (Argon2id opslimit %llu, %zu KiB):\n", argon_ops, argon_kib);
    std::printf("  password grant        %8.1f /s\n", password_per_second);
    std::printf("  Argon2id verify alone %8.1f /s   overhead of the grant: %+.1f %%\n", argon_per_second,
                (argon_per_second / password_per_second - 1.0) * 100.0);
    std::printf("  refresh_token grant   %8.1f /s\n", refresh_per_second);
}

std::vector<std::size_t> parse_sizes(const std::string &text) {
    std::vector<std::size_t> sizes;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto comma = text.find(',', start);
        sizes.push_back(std::stoul(text.substr(start, comma - start)));
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return sizes;
}

}  // namespace

int main(int argc, char **argv) {
    std::vector<std::size_t> sizes{10000, 1000000};
    std::size_t calls = 200000;
    int grants = 20;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg.rfind("--tokens=", 0) == 0)
            sizes = parse_sizes(arg.substr(9));
        else if (arg.rfind("--calls=", 0) == 0)
            calls = std::stoul(arg.substr(8));
        else if (arg.rfind("--grants=", 0) == 0)
            grants = std::stoi(arg.substr(9));
        else {
            std::cerr << "usage: pim-oauth-bench [--tokens=10000,1000000] [--calls=200000] [--grants=20]\n";
            return 1;
        }
    }
    if (sodium_init() < 0) return 1;
    const fs::path exe = fs::canonical("/proc/self/exe");
    const fs::path plugins_dir = exe.parent_path().parent_path() / "plugins";
    const fs::path work = fs::temp_directory_path() / ("pim-oauth-bench-" + std::to_string(getpid()));
    try {
        BenchHost host(work, plugins_dir, false);
        host.hook(
            "user.create",
            R"({"username":"bench","password":"benchPassword1","email":"bench@example.com","first_name":"B","last_name":"B"})");
        host.hook(
            "role.create",
            R"({"label":"Bench","permissions":["pim_api_overall_access","pim_api_currency_list"],"users":["bench"]})");
        const auto client =
            boost::json::parse(host.hook("api_connection.create", R"({"label":"Bench"})")).as_object();
        const pim::KeyRing keys(secret_key);
        const fs::path db_file = work / "bench.db";

        // The same plugin and database, on a host whose metrics are on: every
        // bearer check is timed and counted (two series, one atomic add each).
        BenchHost metered(work, plugins_dir, true);

        std::printf(
            "pim-oauth-bench: bearer check through the plugin ABI vs a bare prepared SQLite lookup\n"
            "(auth: host without metrics; +metrics: host with metrics, the check timed and counted;\n"
            " both record usage write-behind, docs/connection-monitoring.md)\n");
        std::printf("%12s %10s %10s %10s %10s %10s %10s %8s %9s\n", "live tokens", "bare p50", "bare p99",
                    "auth p50", "auth p99", "+met p50", "+met p99", "ratio", "ratio+met");
        std::size_t inserted = 0;
        for (const auto size : sizes) {
            const auto sample = insert_tokens(db_file, keys, size, inserted);
            inserted = size;
            (void)bench_authenticator(host, sample, calls / 10);  // warm up caches and the pools
            (void)bench_authenticator(metered, sample, calls / 10);
            // Interleaved rounds: whatever else the machine does weighs on all three alike.
            std::vector<double> auth_samples, metered_samples, bare_samples;
            for (int round = 0; round < rounds; ++round) {
                append(bare_samples, bench_bare_lookup(db_file, keys, sample, calls / rounds));
                append(auth_samples, bench_authenticator(host, sample, calls / rounds));
                append(metered_samples, bench_authenticator(metered, sample, calls / rounds));
            }
            const Percentiles auth = percentiles(auth_samples);
            const Percentiles with_metrics = percentiles(metered_samples);
            const Percentiles bare = percentiles(bare_samples);
            std::printf("%12zu %8.2fus %8.2fus %8.2fus %8.2fus %8.2fus %8.2fus %7.2fx %8.2fx\n", size,
                        bare.p50, bare.p99, auth.p50, auth.p99, with_metrics.p50, with_metrics.p99,
                        auth.p50 / bare.p50, with_metrics.p50 / bare.p50);
        }
        const Percentiles recording = bench_recording(calls);
        std::printf(
            "usage recording alone (count + last use, in memory): p50 %.0f ns, p99 %.0f ns per check\n",
            recording.p50, recording.p99);
        const std::string exposition = metered.metrics->exposition();
        const auto counted = exposition.find("pim_oauth_bearer_checks_total{outcome=\"200\"} ");
        if (counted == std::string::npos)
            throw std::runtime_error("the metered host counted no bearer check");
        bench_grants(host, std::string(client.at("client_id").as_string()),
                     std::string(client.at("secret").as_string()), grants);
    } catch (const std::exception &error) {
        std::cerr << "pim-oauth-bench: " << error.what() << "\n";
        fs::remove_all(work);
        return 1;
    }
    fs::remove_all(work);
    return 0;
}
