// A real SQLite database in a temporary directory, migrated.
#pragma once

#include "domain/errors.hpp"
#include "domain/key_ring.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "support/sandbox.hpp"

#include <sodium.h>

struct SqliteFixture {
    SqliteFixture()
        : url(pim::parse_database_url("sqlite3://test.db", dir.path())),
          db(url, 2000),
          keys(pim::test::test_secret_key) {
        if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    }
    pim::test::TempDir dir;
    pim::DatabaseUrl url;
    pim::Database db;
    pim::KeyRing keys;
};
