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
};

class ConnectionPool {
    struct Slot {
        std::unique_ptr<Database> db;
        std::unique_ptr<AccessTokenLookup> lookup;
        std::unique_ptr<RefreshGrantStatements> refresh_grant;
        std::unique_ptr<TokenEndpointReads> token_endpoint_reads;
        AccessTokenRow row;  // the lookup's result buffers, reused
        bool busy = false;
        bool failed = false;  // dropped after a storage error: the next open is a reconnect
    };

public:
    class Lease {
    public:
        Lease(ConnectionPool &pool, Slot &slot) : pool_(&pool), slot_(&slot) {}
        ~Lease();
        Lease(Lease &&other) noexcept : pool_(other.pool_), slot_(other.slot_) { other.slot_ = nullptr; }
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
        bool discard_ = false;
    };

    // `events` (optional) must outlive the pool.
    ConnectionPool(DatabaseUrl url, int busy_timeout_ms, std::size_t size, PoolEvents *events = nullptr);
    // Waits for a free connection; throws StorageUnavailable if none can be opened.
    Lease acquire();

private:
    void release(Slot &slot, bool discard);

    DatabaseUrl url_;
    int busy_timeout_ms_;
    std::mutex mutex_;
    std::condition_variable available_;
    std::vector<Slot> slots_;
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
