#pragma once

#include "storage/database_url.hpp"

namespace soci {
class backend_factory;
}

namespace pim {

// SOCI's factory for `backend`. SQLite's is linked in; the PostgreSQL and
// MySQL backends are loaded on first use (see backend_library.cpp).
// Throws StorageUnavailable, naming the package to install, when a backend
// library is missing.
const soci::backend_factory &backend_factory(Backend backend);

// libpq's PQsetNoticeProcessor, from the loaded PostgreSQL backend's
// dependencies; nullptr when the backend is not loaded.
void *postgresql_client_symbol(const char *name);

}  // namespace pim
