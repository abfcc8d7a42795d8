// The refresh grant's SQL run bare, for scripts/bench-http's ratio "server
// CPU per grant / bare SQL CPU per grant" (issue 13): on the same SQLite
// file, the statements a refresh grant runs (the client-secret throttle
// read, the client, the refresh token joined with its user; then one write
// transaction: mark it used, insert an access and a refresh token), with
// statements prepared once and no HTTP, JSON, hashing or decryption.
//
//   build/bin/pim-bare-refresh DB_FILE [TRANSACTIONS (default 5000)]
//
// Chains its own tokens from a copy of one row already in the file; prints
// "transactions N cpu_ms_per_transaction X tx_per_s Y".
#include <sqlite3.h>

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <stdexcept>
#include <string>

namespace {

class Statement {
public:
    Statement(sqlite3 *db, const char *sql) {
        if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement_, nullptr) != SQLITE_OK)
            throw std::runtime_error(sqlite3_errmsg(db));
    }
    ~Statement() { sqlite3_finalize(statement_); }
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    sqlite3_stmt *get() const { return statement_; }
    // Runs to completion; returns the first row's column 0 (or -1 without a row).
    sqlite3_int64 run() const {
        sqlite3_int64 first = -1;
        int rc = sqlite3_step(statement_);
        if (rc == SQLITE_ROW) first = sqlite3_column_int64(statement_, 0);
        while (rc == SQLITE_ROW) rc = sqlite3_step(statement_);
        sqlite3_reset(statement_);
        if (rc != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(sqlite3_db_handle(statement_)));
        return first;
    }

private:
    sqlite3_stmt *statement_ = nullptr;
};

void exec(sqlite3 *db, const char *sql) {
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
        throw std::runtime_error(sqlite3_errmsg(db));
}

std::string random_hash(std::mt19937_64 &random) {
    static const char digits[] = "0123456789abcdef";
    std::string hash(64, '0');
    for (char &c : hash) c = digits[random() & 15U];
    return hash;
}

double cpu_ms() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

}  // namespace

int main(int argc, char **argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: pim-bare-refresh DB_FILE [TRANSACTIONS]\n");
        return 2;
    }
    const long transactions = argc > 2 ? std::strtol(argv[2], nullptr, 10) : 5000;
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        std::fprintf(stderr, "pim-bare-refresh: cannot open %s\n", argv[1]);
        return 1;
    }
    try {
        // The connection settings of the plugin's SQLite connections.
        exec(db,
             "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
             "PRAGMA busy_timeout=5000");
        std::mt19937_64 random(std::random_device{}());
        std::string current = random_hash(random);
        {
            Statement seed(db,
                           "INSERT INTO pim_api_refresh_token (token_hash, client_id, user_id, family_id, "
                           "expires_at, issued_at) SELECT ?, client_id, user_id, family_id, expires_at, "
                           "issued_at FROM pim_api_refresh_token LIMIT 1");
            sqlite3_bind_text(seed.get(), 1, current.c_str(), 64, SQLITE_TRANSIENT);
            seed.run();
        }
        const Statement begin(db, "BEGIN IMMEDIATE"), commit(db, "COMMIT");
        const Statement throttle(db, "SELECT blocked_until FROM pim_api_throttle WHERE subject = ?");
        const Statement client(db,
                               "SELECT id, random_id, secret_box, label, allowed_grant_types, "
                               "redirect_uris, created_at, introspect, last_used_at, previous_secret_box, "
                               "previous_secret_expires_at FROM pim_api_client WHERE id = ? AND random_id = "
                               "(SELECT random_id FROM pim_api_client WHERE id = ?)");
        const Statement find(db,
                             "SELECT t.id, t.client_id, t.user_id, t.family_id, t.expires_at, t.used_at, "
                             "t.issued_at, u.enabled, u.username FROM pim_api_refresh_token t "
                             "LEFT JOIN pim_user u ON u.id = t.user_id WHERE t.token_hash = ?");
        const std::string throttle_subject = random_hash(random);
        const Statement mark(db,
                             "UPDATE pim_api_refresh_token SET used_at = ? WHERE id = ? AND used_at IS NULL");
        const char *insert_sql =
            "INSERT INTO %s (token_hash, client_id, user_id, family_id, expires_at, issued_at) "
            "VALUES (?, ?, ?, ?, ?, ?)";
        char sql[512];
        std::snprintf(sql, sizeof sql, insert_sql, "pim_api_access_token");
        const Statement insert_access(db, sql);
        std::snprintf(sql, sizeof sql, insert_sql, "pim_api_refresh_token");
        const Statement insert_refresh(db, sql);

        // The chain's client, user and family, as the grant has them from its find.
        const Statement family(db,
                               "SELECT client_id, user_id, family_id FROM pim_api_refresh_token "
                               "WHERE token_hash = ?");
        sqlite3_bind_text(family.get(), 1, current.c_str(), 64, SQLITE_STATIC);
        if (sqlite3_step(family.get()) != SQLITE_ROW) throw std::runtime_error("no refresh token to copy");
        const sqlite3_int64 client_id = sqlite3_column_int64(family.get(), 0);
        const sqlite3_int64 user_id = sqlite3_column_int64(family.get(), 1);
        const std::string family_id(reinterpret_cast<const char *>(sqlite3_column_text(family.get(), 2)));
        sqlite3_reset(family.get());
        const Statement client_random_id(db, "SELECT random_id FROM pim_api_client WHERE id = ?");
        sqlite3_bind_int64(client_random_id.get(), 1, client_id);
        if (sqlite3_step(client_random_id.get()) != SQLITE_ROW) throw std::runtime_error("no client");
        const std::string random_id(
            reinterpret_cast<const char *>(sqlite3_column_text(client_random_id.get(), 0)));
        sqlite3_reset(client_random_id.get());

        const double cpu_before = cpu_ms();
        const auto wall_before = std::chrono::steady_clock::now();
        const sqlite3_int64 now = std::time(nullptr);
        for (long i = 0; i < transactions; ++i) {
            const std::string access = random_hash(random), refresh = random_hash(random);
            sqlite3_bind_text(throttle.get(), 1, throttle_subject.c_str(), 64, SQLITE_STATIC);
            throttle.run();
            sqlite3_bind_int64(client.get(), 1, client_id);
            sqlite3_bind_text(client.get(), 2, random_id.c_str(), static_cast<int>(random_id.size()),
                              SQLITE_STATIC);
            client.run();
            sqlite3_bind_text(find.get(), 1, current.c_str(), 64, SQLITE_STATIC);
            const sqlite3_int64 id = find.run();
            begin.run();
            sqlite3_bind_int64(mark.get(), 1, now);
            sqlite3_bind_int64(mark.get(), 2, id);
            mark.run();
            if (sqlite3_changes(db) != 1) throw std::runtime_error("refresh token not marked used");
            for (const Statement *insert : {&insert_access, &insert_refresh}) {
                const std::string &hash = insert == &insert_access ? access : refresh;
                sqlite3_bind_text(insert->get(), 1, hash.c_str(), 64, SQLITE_STATIC);
                sqlite3_bind_int64(insert->get(), 2, client_id);
                sqlite3_bind_int64(insert->get(), 3, user_id);
                sqlite3_bind_text(insert->get(), 4, family_id.c_str(), static_cast<int>(family_id.size()),
                                  SQLITE_STATIC);
                sqlite3_bind_int64(insert->get(), 5, now + 3600);
                sqlite3_bind_int64(insert->get(), 6, now);
                insert->run();
            }
            commit.run();
            current = refresh;
        }
        const double cpu = cpu_ms() - cpu_before;
        const double wall =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_before).count();
        std::printf("transactions %ld cpu_ms_per_transaction %.3f tx_per_s %.0f\n", transactions,
                    cpu / static_cast<double>(transactions), static_cast<double>(transactions) / wall);
    } catch (const std::exception &error) {
        std::fprintf(stderr, "pim-bare-refresh: %s\n", error.what());
        sqlite3_close(db);
        return 1;
    }
    sqlite3_close(db);
    return 0;
}
