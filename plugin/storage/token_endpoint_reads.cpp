#include "storage/token_endpoint_reads.hpp"

#include "domain/text.hpp"
#include "storage/client_row.hpp"
#include "storage/sqlite_columns.hpp"
#include "storage/sqlite_statement.hpp"

namespace pim {
namespace {

const std::string find_client_sql = std::string(client_select_columns) + "WHERE id = :id AND random_id = :r";
const char *const blocked_until_sql = "SELECT blocked_until FROM pim_api_throttle WHERE subject = :s";

// Not UTF-8: matches nothing stored, and PostgreSQL would refuse it.
bool may_be_stored(const PublicClientId &id) {
    return utf8_length(id.random_id).has_value();
}

class SociReads final : public TokenEndpointReads {
public:
    explicit SociReads(Database &db) : find_client_(db.sql()), blocked_until_statement_(db.sql()) {
        find_client_.exchange(soci::use(client_id_));
        find_client_.exchange(soci::use(random_id_));
        find_client_.exchange(soci::into(client_.id));
        find_client_.exchange(soci::into(client_.random_id));
        find_client_.exchange(soci::into(client_.secret_box));
        find_client_.exchange(soci::into(client_.label));
        find_client_.exchange(soci::into(client_.grant_types));
        find_client_.exchange(soci::into(client_.redirect_uris));
        find_client_.exchange(soci::into(client_.created_at));
        find_client_.exchange(soci::into(client_.introspect));
        find_client_.exchange(soci::into(client_.last_used_at, client_.last_used_indicator));
        find_client_.exchange(soci::into(client_.previous_box, client_.previous_indicator));
        find_client_.exchange(soci::into(client_.previous_expires_at, client_.previous_expires_indicator));
        find_client_.alloc();
        find_client_.prepare(find_client_sql);
        find_client_.define_and_bind();

        blocked_until_statement_.exchange(soci::use(subject_));
        blocked_until_statement_.exchange(soci::into(blocked_until_));
        blocked_until_statement_.alloc();
        blocked_until_statement_.prepare(blocked_until_sql);
        blocked_until_statement_.define_and_bind();
    }

    // Each query runs to its end (the keys are unique): a statement left on its
    // row would keep its read open.
    std::optional<Client> find_client(const PublicClientId &id, const KeyRing &keys) override {
        if (!may_be_stored(id)) return std::nullopt;
        client_id_ = id.id;
        random_id_ = id.random_id;
        if (!find_client_.execute(true)) return std::nullopt;
        Client client = to_client(client_, keys);
        while (find_client_.fetch()) {
        }
        return client;
    }

    std::int64_t blocked_until(const std::string &subject) override {
        subject_ = subject;
        if (!blocked_until_statement_.execute(true)) return 0;
        const std::int64_t until = blocked_until_;
        while (blocked_until_statement_.fetch()) {
        }
        return until;
    }

private:
    long long client_id_ = 0;
    std::string random_id_;
    ClientRow client_;
    soci::statement find_client_;

    std::string subject_;
    long long blocked_until_ = 0;
    soci::statement blocked_until_statement_;
};

using namespace sqlite_api;  // NOLINT(google-build-using-namespace): SOCI's wrapping of sqlite3.h

class SqliteReads final : public TokenEndpointReads {
public:
    explicit SqliteReads(Database &db)
        : find_client_(db, find_client_sql.c_str()), blocked_until_(db, blocked_until_sql) {}

    std::optional<Client> find_client(const PublicClientId &id, const KeyRing &keys) override {
        if (!may_be_stored(id)) return std::nullopt;
        const SqliteStatement::Run run(find_client_);  // one row at most: the reset ends the read
        sqlite3_stmt *statement = find_client_.get();
        sqlite3_bind_int64(statement, 1, id.id);
        bind_text(statement, 2, id.random_id);
        const int rc = sqlite3_step(statement);
        find_client_.check(rc);
        if (rc == SQLITE_DONE) return std::nullopt;
        read_client_row(statement, client_);
        return to_client(client_, keys);
    }

    std::int64_t blocked_until(const std::string &subject) override {
        const SqliteStatement::Run run(blocked_until_);
        sqlite3_stmt *statement = blocked_until_.get();
        bind_text(statement, 1, subject);
        const int rc = sqlite3_step(statement);
        blocked_until_.check(rc);
        return rc == SQLITE_ROW ? sqlite3_column_int64(statement, 0) : 0;
    }

private:
    SqliteStatement find_client_;
    SqliteStatement blocked_until_;
    ClientRow client_;  // buffers reused between calls
};

}  // namespace

std::unique_ptr<TokenEndpointReads> TokenEndpointReads::prepare(Database &db) {
    if (db.backend() == Backend::sqlite3) return std::make_unique<SqliteReads>(db);
    return std::make_unique<SociReads>(db);
}

}  // namespace pim
