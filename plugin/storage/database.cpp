#include "storage/database.hpp"

#include "domain/errors.hpp"
#include "storage/backend_library.hpp"
#include "storage/sqlite_statement.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <mutex>
#include <system_error>

namespace pim {
namespace {

// The database file is created 0600 before SQLite opens it: its journal and
// WAL files inherit that mode.
void create_private_file(const std::filesystem::path &path) {
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) return;
    const auto parent = path.parent_path();
    if (!parent.empty() && !std::filesystem::exists(parent, ec)) {
        std::filesystem::create_directories(parent, ec);
        if (ec)
            throw StorageUnavailable("cannot create the directory " + parent.string() +
                                     " for the "
                                     "SQLite database: " +
                                     ec.message() + ". Create it or fix its permissions.");
        std::filesystem::permissions(parent, std::filesystem::perms::owner_all, ec);
    }
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 && errno != EEXIST)
        throw StorageUnavailable("cannot create the SQLite database " + path.string() + ": " +
                                 std::strerror(errno) + ". Check the directory's permissions.");
    if (fd >= 0) ::close(fd);
}

// SOCI's SQLite backend understands double quotes (for spaces), no escapes.
std::string sqlite_connect_string(const DatabaseUrl &url) {
    const std::string path = url.sqlite_path.string();
    if (path.find('"') != std::string::npos)
        throw StorageUnavailable("the SQLite path " + path +
                                 " contains a double quote, which SOCI cannot pass on. Rename it.");
    return "db=\"" + path + "\"";
}

// libpq prints the server's notices ("relation … already exists, skipping")
// on stderr, which belongs to the host's console: they are dropped.
void drop_notice(void * /*arg*/, const char * /*message*/) {}

void ignore_postgresql_notices(soci::session &sql) {
    // libpq is loaded with the backend, not linked: its function comes from
    // the backend library's dependencies.
    using SetNoticeProcessor = PQnoticeProcessor (*)(PGconn *, PQnoticeProcessor, void *);
    const auto set_notice_processor =
        reinterpret_cast<SetNoticeProcessor>(postgresql_client_symbol("PQsetNoticeProcessor"));
    if (set_notice_processor == nullptr) return;  // notices then reach stderr; nothing breaks
    auto *backend = static_cast<soci::postgresql_session_backend *>(sql.get_backend());
    set_notice_processor(backend->conn_, drop_notice, nullptr);
}

void configure_sqlite(soci::session &sql, int busy_timeout_ms) {
    sql << "PRAGMA busy_timeout = " + std::to_string(busy_timeout_ms);
    sql << "PRAGMA foreign_keys = ON";
    std::string mode;
    sql << "PRAGMA journal_mode = WAL", soci::into(mode);
    sql << "PRAGMA synchronous = NORMAL";
}

// One writer mutex per SQLite file, shared by every connection of the
// process to it; kept for the life of the process (a handful of files).
std::shared_ptr<std::mutex> sqlite_writer_for(const std::filesystem::path &file) {
    static std::mutex registry_mutex;
    static std::map<std::string, std::shared_ptr<std::mutex>> writers;
    std::error_code ec;
    const auto canonical = std::filesystem::weakly_canonical(file, ec);
    const std::lock_guard lock(registry_mutex);
    auto &writer = writers[(ec ? file : canonical).string()];
    if (!writer) writer = std::make_shared<std::mutex>();
    return writer;
}

}  // namespace

Database::Database(const DatabaseUrl &url, int busy_timeout_ms, bool background_checkpoints) : url_(url) {
    try {
        if (url.backend == Backend::sqlite3) {
            create_private_file(url.sqlite_path);
            sqlite_writer_ = sqlite_writer_for(url.sqlite_path);
            session_.open(backend_factory(url.backend), sqlite_connect_string(url));
            configure_sqlite(session_, busy_timeout_ms);
            if (background_checkpoints) {
                checkpointer_ = SqliteCheckpointer::for_file(url.sqlite_path, sqlite_writer_);
                checkpointer_->attach(sqlite_connection(*this));
            }
        } else {
            session_.open(backend_factory(url.backend), url.connect_string);
            if (url.backend == Backend::postgresql) ignore_postgresql_notices(session_);
        }
    } catch (const soci::soci_error &error) {
        if (url.backend == Backend::sqlite3) rethrow_storage_error(*this, error);
        throw StorageUnavailable("cannot connect to the database " + url.display + ": " +
                                 error.get_error_message() +
                                 " Check database.url / PIM_DATABASE_URL and that the server is running.");
    }
}

namespace {

// SQLite's transaction statements straight through its C API, without
// SOCI's one-off statement around them (BEGIN IMMEDIATE: 9.5k -> 7.1k
// instructions). Throws as SOCI would.
void sqlite_execute(Database &db, const char *sql) {
    auto *connection = sqlite_connection(db);
    const int rc = sqlite_api::sqlite3_exec(connection, sql, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) throw soci::sqlite3_soci_error(sqlite_api::sqlite3_errmsg(connection), rc);
}

}  // namespace

WriteTransaction::WriteTransaction(Database &db) : db_(db) {
    if (std::mutex *writer = db_.sqlite_writer()) writer_lock_ = std::unique_lock(*writer);
    with_storage_errors(db_, [&] {
        if (db_.backend() == Backend::sqlite3)
            sqlite_execute(db_, "BEGIN IMMEDIATE");
        else
            db_.sql().begin();
    });
}

WriteTransaction::~WriteTransaction() {
    if (!open_) return;
    try {
        if (db_.backend() == Backend::sqlite3)
            sqlite_execute(db_, "ROLLBACK");
        else
            db_.sql().rollback();
    } catch (...) {  // NOLINT(bugprone-empty-catch): the connection is gone; nothing to undo
    }
}

void WriteTransaction::commit() {
    with_storage_errors(db_, [&] {
        if (db_.backend() == Backend::sqlite3)
            sqlite_execute(db_, "COMMIT");
        else
            db_.sql().commit();
    });
    open_ = false;
    if (writer_lock_.owns_lock()) writer_lock_.unlock();
}

void rethrow_storage_error(const Database &db, const std::exception &error) {
    if (const auto *sqlite = dynamic_cast<const soci::sqlite3_soci_error *>(&error)) {
        const int code = sqlite->result() & 0xFF;
        if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
            throw StorageUnavailable("the SQLite database " + db.url().sqlite_path.string() +
                                     " stayed locked by another writer beyond the busy timeout "
                                     "(database.busy_timeout_ms). Retry, or raise the timeout.");
        if (code == SQLITE_CANTOPEN || code == SQLITE_PERM || code == SQLITE_READONLY ||
            code == SQLITE_IOERR || code == SQLITE_FULL || code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
            throw StorageUnavailable("the SQLite database " + db.url().sqlite_path.string() +
                                     " cannot be used: " + sqlite->get_error_message());
    }
    if (const auto *soci_error = dynamic_cast<const soci::soci_error *>(&error)) {
        if (soci_error->get_error_category() == soci::soci_error::connection_error ||
            soci_error->get_error_category() == soci::soci_error::system_error)
            throw StorageUnavailable(
                "the database " + db.url().display +
                " is unavailable. Check database.url / PIM_DATABASE_URL and that the server is running.");
        throw Error(500, std::string("database error: ") + soci_error->get_error_message());
    }
    throw Error(500, error.what());
}

}  // namespace pim
