// The statements a pooled connection keeps prepared (refresh grant, token
// endpoint reads) run to their end: none leaves SQLite's read transaction
// open, which would pin an old snapshot of the WAL on that connection and
// keep every checkpoint from completing.
#include "app/client_service.hpp"
#include "storage/refresh_grant_statements.hpp"
#include "storage/sqlite_statement.hpp"
#include "storage/token_endpoint_reads.hpp"
#include "storage_fixture.hpp"

#include <boost/test/unit_test.hpp>

namespace {

struct PreparedFixture : SqliteFixture {
    PreparedFixture() {
        pim::Migrator(db).apply_pending();
        client = pim::ClientService(db, keys).create({"ERP", {pim::GrantType::refresh_token}, {}});
    }

    // From another connection: write, then a TRUNCATE checkpoint, which
    // completes only when no connection reads an older snapshot.
    bool checkpoint_completes() const {
        pim::Database other(url, 0);
        other.sql() << "INSERT INTO pim_api_throttle (subject, failures, window_start, blocked_until) "
                       "VALUES ('"
                    << std::string(64, 'z') << "', 0, 0, 0)";
        int busy = -1, log = -1, checkpointed = -1;
        other.sql() << "PRAGMA wal_checkpoint(TRUNCATE)", soci::into(busy), soci::into(log),
            soci::into(checkpointed);
        return busy == 0;
    }

    pim::Client client;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(prepared_statements)

BOOST_FIXTURE_TEST_CASE(the_refresh_grant_find_leaves_no_read_open, PreparedFixture) {
    const auto statements = pim::RefreshGrantStatements::prepare(db);
    const std::string hash(64, 'a');
    statements->insert_refresh(hash, {client.id, std::nullopt, std::string(32, 'f'), 4102444800, 7});
    const auto found = statements->find(hash);
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->client_id == client.id);
    BOOST_TEST(!found->user_id.has_value());
    BOOST_TEST(found->family_id == std::string(32, 'f'));
    BOOST_TEST(found->expires_at == 4102444800);
    BOOST_TEST(found->issued_at == 7);
    BOOST_TEST(!found->used_at.has_value());
    BOOST_TEST(!statements->find(std::string(64, 'b')).has_value());
    BOOST_TEST(checkpoint_completes());
}

BOOST_FIXTURE_TEST_CASE(a_refresh_token_is_marked_used_once, PreparedFixture) {
    const auto statements = pim::RefreshGrantStatements::prepare(db);
    const std::string hash(64, 'a');
    statements->insert_refresh(hash, {client.id, std::nullopt, std::string(32, 'f'), 4102444800, 7});
    const std::int64_t id = statements->find(hash)->id;
    BOOST_TEST(statements->mark_used(id, 100));
    BOOST_TEST(!statements->mark_used(id, 101));  // the second caller loses
    BOOST_TEST(statements->find(hash)->used_at.value_or(0) == 100);
    BOOST_TEST(checkpoint_completes());
}

BOOST_FIXTURE_TEST_CASE(the_token_endpoint_reads_leave_no_read_open, PreparedFixture) {
    const auto reads = pim::TokenEndpointReads::prepare(db);
    const std::string subject(64, 'b');
    db.sql() << "INSERT INTO pim_api_throttle (subject, failures, window_start, blocked_until) VALUES ('"
             << subject << "', 10, 0, 4102444800)";
    BOOST_TEST(reads->blocked_until(subject) == 4102444800);
    BOOST_TEST(reads->blocked_until(std::string(64, 'c')) == 0);
    const auto found = reads->find_client({client.id, client.random_id}, keys);
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->secret == client.secret);
    BOOST_TEST(found->label == "ERP");
    BOOST_TEST(!reads->find_client({client.id, std::string(50, 'x')}, keys).has_value());
    BOOST_TEST(!reads->find_client({client.id + 1, client.random_id}, keys).has_value());
    BOOST_TEST(checkpoint_completes());
}

BOOST_FIXTURE_TEST_CASE(a_run_leaves_no_binding_behind, PreparedFixture) {
    // The runs bind views of their callers' strings: none may outlive its run.
    const pim::SqliteStatement select(db, "SELECT ?");
    const auto value_of_a_run = [&](bool bind) {
        const pim::SqliteStatement::Run run(select);
        if (bind) sqlite_api::sqlite3_bind_int64(select.get(), 1, 5);
        select.check(sqlite_api::sqlite3_step(select.get()));
        return sqlite_api::sqlite3_column_type(select.get(), 0) == SQLITE_NULL
                   ? -1
                   : sqlite_api::sqlite3_column_int64(select.get(), 0);
    };
    BOOST_TEST(value_of_a_run(true) == 5);
    BOOST_TEST(value_of_a_run(false) == -1);  // unbound: NULL
}

BOOST_AUTO_TEST_SUITE_END()
