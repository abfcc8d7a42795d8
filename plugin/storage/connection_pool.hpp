// Connections for the HTTP side, shared by the host's server threads. Each
// connection keeps its prepared statements: the bearer check, the token
// endpoint's reads and the refresh grant. A connection that
// failed (server restarted) is reopened on its next lease.
#pragma once

#include "domain/errors.hpp"
#include "storage/access_token_lookup.hpp"
#include "storage/database.hpp"
#include "storage/refresh_grant_statements.hpp"
#include "storage/token_endpoint_reads.hpp"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

namespace pim {

// What the pool tells its owner, for metrics (storage/ knows none of them).
// Called on the requests' threads: must not block.
class PoolEvents {
public:
    virtual ~PoolEvents() = default;
    virtual void waited_for_connection() noexcept = 0;  // every connection was leased
    virtual void connection_failed() noexcept = 0;      // a storage error dropped one
    virtual void reconnected() noexcept = 0;            // a dropped one was opened again
    // SQLite: a token request waited for the one connection token requests
    // take in turn (another held it); the pool's size does not change these.
    virtual void waited_for_pinned_connection() noexcept = 0;
};

class ConnectionPool {
    struct Slot {
        std::unique_ptr<Database> db;
        std::unique_ptr<AccessTokenLookup> lookup;
        std::unique_ptr<RefreshGrantStatements> refresh_grant;
        std::unique_ptr<TokenEndpointReads> token_endpoint_reads;
        AccessTokenRow row;  // the lookup's result buffers, reused
        bool busy = false;
        bool failed = false;   // dropped after a storage error: the next open is a reconnect
        bool discard = false;  // a lease under a pin asked for it: done when the pin goes
    };

public:
    class Lease {
    public:
        // `pinned`: the slot is this thread's pin's, which gives it back.
        Lease(ConnectionPool &pool, Slot &slot, bool pinned = false)
            : pool_(&pool), slot_(&slot), pinned_(pinned) {}
        ~Lease();
        Lease(Lease &&other) noexcept : pool_(other.pool_), slot_(other.slot_), pinned_(other.pinned_) {
            other.slot_ = nullptr;
        }
        Lease(const Lease &) = delete;
        Lease &operator=(const Lease &) = delete;
        Lease &operator=(Lease &&) = delete;

        [[nodiscard]] Database &db() { return *slot_->db; }
        AccessTokenLookup &lookup();
        // The refresh grant's statements, prepared on first use.
        RefreshGrantStatements &refresh_grant();
        // The throttle and client reads of every token request, prepared on first use.
        TokenEndpointReads &token_endpoint_reads();
        // The bearer check's lookup into row(); a storage failure discards
        // this connection and throws StorageUnavailable.
        bool find_access_token(const TokenHash &hash);
        [[nodiscard]] AccessTokenRow &row() { return slot_->row; }
        // The connection is dropped when the lease ends; the next lease reconnects.
        void discard() { discard_ = true; }

    private:
        ConnectionPool *pool_;
        Slot *slot_;
        bool pinned_;
        bool discard_ = false;
    };

    // One connection for all the statements of one request, on this thread
    // until the pin goes: acquire() (and with_connection) on this thread
    // return it. On SQLite every pin takes the same connection, one request
    // at a time: a commit through another connection empties a connection's
    // page cache, and with the token endpoint's statements spread over the
    // pool each request read its pages again (27 reads per refresh grant
    // over 2 connections, 1 for the same SQL on one connection).
    class Pin {
    public:
        explicit Pin(ConnectionPool &pool);
        ~Pin() { release(); }
        Pin(const Pin &) = delete;
        Pin &operator=(const Pin &) = delete;
        // Gives the connection back before the request ends (before a password hash).
        void release();

    private:
        ConnectionPool *pool_;
        Slot *slot_ = nullptr;
        std::unique_lock<std::mutex> shared_;  // SQLite: the one pinned connection
    };

    // `events` (optional) must outlive the pool.
    ConnectionPool(DatabaseUrl url, int busy_timeout_ms, std::size_t size, PoolEvents *events = nullptr);
    // Waits for a free connection; throws StorageUnavailable if none can be opened.
    Lease acquire();
    [[nodiscard]] Pin pin() { return Pin(*this); }

private:
    Slot &take_slot();
    void open(Slot &slot);
    void release(Slot &slot, bool discard);
    void close(Slot &slot);

    DatabaseUrl url_;
    int busy_timeout_ms_;
    std::mutex mutex_;
    std::condition_variable available_;
    std::vector<Slot> slots_;
    Slot pinned_slot_;  // SQLite: the connection every pin takes
    std::mutex pinned_slot_mutex_;
    PoolEvents *events_;
};

// Runs `work(lease)`; a storage failure discards the connection and rethrows.
template <typename Work>
auto with_connection(ConnectionPool &pool, Work &&work)
    -> decltype(work(std::declval<ConnectionPool::Lease &>())) {
    auto lease = pool.acquire();
    try {
        return with_storage_errors(lease.db(), [&] { return work(lease); });
    } catch (const StorageUnavailable &) {
        lease.discard();
        throw;
    }
}

}  // namespace pim
