#include "storage/backend_library.hpp"

#include "domain/errors.hpp"

#include <soci/sqlite3/soci-sqlite3.h>

#include <dlfcn.h>

#include <string>

namespace pim {
namespace {

// The PostgreSQL and MySQL backends bring their client libraries (libpq,
// libmariadb, and with them Kerberos, LDAP, GnuTLS...): mapping and
// relocating them costs a cold command tens of milliseconds. They are loaded
// when a connection needs them, so a SQLite project never pays for them. The
// library names are the SONAMEs found at build time (cmake/FindSOCI.cmake).
struct BackendLibrary {
    void *handle = nullptr;
    const soci::backend_factory *factory = nullptr;
};

BackendLibrary load(const char *library, const char *factory_symbol, const char *package) {
    void *handle = dlopen(library, RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        const char *reason = dlerror();
        throw StorageUnavailable(std::string("the database backend library ") + library +
                                 " cannot be loaded (" + (reason ? reason : "unknown reason") +
                                 "). Install the Debian package " + package + ".");
    }
    using FactoryFunction = const soci::backend_factory *(*)();
    // POSIX guarantees a function pointer round-trips through dlsym's void *.
    auto factory = reinterpret_cast<FactoryFunction>(dlsym(handle, factory_symbol));
    if (factory == nullptr)
        throw StorageUnavailable(std::string("the database backend library ") + library + " has no " +
                                 factory_symbol + ". Reinstall the Debian package " + package + ".");
    return {handle, factory()};
}

// Function-local statics: loaded once, thread-safely; a failed load is
// retried by the next connection (after the package was installed).
const BackendLibrary &postgresql_library() {
    static const BackendLibrary library =
        load(PIM_SOCI_POSTGRESQL_SONAME, "factory_postgresql", "libsoci-postgresql4.0");
    return library;
}

const BackendLibrary &mysql_library() {
    static const BackendLibrary library = load(PIM_SOCI_MYSQL_SONAME, "factory_mysql", "libsoci-mysql4.0");
    return library;
}

}  // namespace

const soci::backend_factory &backend_factory(Backend backend) {
    switch (backend) {
        case Backend::sqlite3: return *soci::factory_sqlite3();
        case Backend::postgresql: return *postgresql_library().factory;
        case Backend::mysql: return *mysql_library().factory;
    }
    return *soci::factory_sqlite3();
}

void *postgresql_client_symbol(const char *name) {
    return dlsym(postgresql_library().handle, name);
}

}  // namespace pim
