#include "storage/connection_pool.hpp"

#include "domain/errors.hpp"

namespace pim {

ConnectionPool::ConnectionPool(DatabaseUrl url, int busy_timeout_ms, std::size_t size, PoolEvents *events)
    : url_(std::move(url)),
      busy_timeout_ms_(busy_timeout_ms),
      slots_(size == 0 ? 1 : size),
      events_(events) {}

ConnectionPool::Lease ConnectionPool::acquire() {
    Slot *slot = nullptr;
    bool waited = false;
    {
        std::unique_lock lock(mutex_);
        for (;;) {
            for (auto &candidate : slots_)
                if (!candidate.busy) {
                    slot = &candidate;
                    break;
                }
            if (slot != nullptr) break;
            if (!waited && events_ != nullptr) events_->waited_for_connection();  // once per lease
            waited = true;
            available_.wait(lock);
        }
        slot->busy = true;
    }
    Lease lease(*this, *slot);
    if (!slot->db) {
        try {
            slot->db = std::make_unique<Database>(url_, busy_timeout_ms_, true);
        } catch (...) {  // the lease frees the slot
            slot->failed = true;
            if (events_ != nullptr) events_->connection_failed();
            throw;
        }
        if (slot->failed && events_ != nullptr) events_->reconnected();
        slot->failed = false;
    }
    return lease;
}

void ConnectionPool::release(Slot &slot, bool discard) {
    if (discard) {
        slot.lookup.reset();
        slot.refresh_grant.reset();
        slot.token_endpoint_reads.reset();
        slot.db.reset();
        slot.failed = true;
        if (events_ != nullptr) events_->connection_failed();
    }
    {
        const std::lock_guard lock(mutex_);
        slot.busy = false;
    }
    available_.notify_one();
}

ConnectionPool::Lease::~Lease() {
    if (slot_ != nullptr) pool_->release(*slot_, discard_);
}

AccessTokenLookup &ConnectionPool::Lease::lookup() {
    if (!slot_->lookup) slot_->lookup = AccessTokenLookup::prepare(*slot_->db);
    return *slot_->lookup;
}

RefreshGrantStatements &ConnectionPool::Lease::refresh_grant() {
    if (!slot_->refresh_grant) slot_->refresh_grant = std::make_unique<RefreshGrantStatements>(*slot_->db);
    return *slot_->refresh_grant;
}

TokenEndpointReads &ConnectionPool::Lease::token_endpoint_reads() {
    if (!slot_->token_endpoint_reads)
        slot_->token_endpoint_reads = std::make_unique<TokenEndpointReads>(*slot_->db);
    return *slot_->token_endpoint_reads;
}

bool ConnectionPool::Lease::find_access_token(const TokenHash &hash) {
    try {
        return lookup().find(hash, row());
    } catch (const soci::soci_error &error) {
        discard();
        rethrow_storage_error(db(), error);
    }
}

}  // namespace pim
