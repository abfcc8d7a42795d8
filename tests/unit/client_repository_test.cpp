#include "storage/client_repository.hpp"
#include "app/client_service.hpp"
#include "storage_fixture.hpp"

#include <boost/test/unit_test.hpp>

namespace {
struct MigratedFixture : SqliteFixture {
    MigratedFixture() { pim::Migrator(db).apply_pending(); }
};
}  // namespace

BOOST_AUTO_TEST_SUITE(client_repository)

BOOST_FIXTURE_TEST_CASE(create_find_list_revoke, MigratedFixture) {
    pim::ClientService clients(db, keys);
    const pim::Client a = clients.create({"ERP", {pim::GrantType::password}, {"https://x"}});
    const pim::Client b =
        clients.create({"PIM", {pim::GrantType::password, pim::GrantType::refresh_token}, {}});
    BOOST_TEST(a.id == 1);
    BOOST_TEST(b.id == 2);
    const auto found = clients.find(b.public_id());
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->secret == b.secret);
    BOOST_TEST(found->redirect_uris.empty());
    BOOST_TEST(clients.find(a.public_id())->redirect_uris.front() == "https://x");
    BOOST_TEST(!clients.find("2_" + a.random_id).has_value());  // both parts must match one client
    BOOST_TEST(clients.list().size() == 2U);
    clients.revoke(a.public_id(), "gone");
    BOOST_CHECK_THROW(clients.revoke(a.public_id(), "gone"), pim::NotFoundError);
    const pim::Client c = clients.create({"Third", {pim::GrantType::password}, {}});
    BOOST_TEST(c.id == 3);  // ids are never reused
}

BOOST_FIXTURE_TEST_CASE(secret_is_stored_encrypted, MigratedFixture) {
    pim::ClientService clients(db, keys);
    const pim::Client a = clients.create({"ERP", {pim::GrantType::password}, {}});
    std::string stored;
    db.sql() << "SELECT secret_box FROM pim_api_client WHERE id = 1", soci::into(stored);
    BOOST_TEST(stored.find(a.secret) == std::string::npos);
    BOOST_TEST(keys.decrypt(stored) == a.secret);
    const pim::KeyRing other("ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100");
    BOOST_CHECK_THROW((void)pim::ClientService(db, other).list(), std::runtime_error);
}

BOOST_FIXTURE_TEST_CASE(revoke_and_regenerate_delete_the_clients_tokens, MigratedFixture) {
    pim::ClientService clients(db, keys);
    const pim::Client a = clients.create({"A", {pim::GrantType::password}, {}});
    const pim::Client b = clients.create({"B", {pim::GrantType::password}, {}});
    for (const auto id : {a.id, b.id}) {
        const long long client = id;
        const std::string h1 = keys.hash_token("access" + std::to_string(id));
        const std::string h2 = keys.hash_token("refresh" + std::to_string(id));
        db.sql() << "INSERT INTO pim_api_access_token (token_hash, client_id, family_id, expires_at) VALUES "
                    "(:h, :c, 'f', 0)",
            soci::use(h1), soci::use(client);
        db.sql() << "INSERT INTO pim_api_refresh_token (token_hash, client_id, family_id, expires_at) VALUES "
                    "(:h, :c, 'f', 0)",
            soci::use(h2), soci::use(client);
    }
    const auto count = [&](const char *table) {
        int n = 0;
        db.sql() << std::string("SELECT COUNT(*) FROM ") + table, soci::into(n);
        return n;
    };
    const pim::Client regenerated = clients.regenerate_secret(a.public_id(), "gone");
    BOOST_TEST(regenerated.secret != a.secret);
    BOOST_TEST(clients.find(a.public_id())->secret == regenerated.secret);
    BOOST_TEST(count("pim_api_access_token") == 1);
    BOOST_TEST(count("pim_api_refresh_token") == 1);
    clients.revoke(b.public_id(), "gone");
    BOOST_TEST(count("pim_api_access_token") == 0);
    BOOST_TEST(count("pim_api_refresh_token") == 0);
}

BOOST_FIXTURE_TEST_CASE(invalid_labels_write_nothing, MigratedFixture) {
    pim::ClientService clients(db, keys);
    BOOST_CHECK_THROW(clients.create({" ", {pim::GrantType::password}, {}}), pim::ValidationError);
    BOOST_TEST(clients.list().empty());
}

BOOST_AUTO_TEST_SUITE_END()
