#include "storage/connection_pool.hpp"

#include "domain/errors.hpp"

#include <algorithm>

namespace pim {

ConnectionPool::ConnectionPool(DatabaseUrl url, int busy_timeout_ms, std::size_t size, PoolEvents *events)
    : url_(std::move(url)),
      busy_timeout_ms_(busy_timeout_ms),
      slots_(size == 0 ? 1 : size),
      events_(events) {}

namespace {

// The slot pinned on this thread, if any, and its pool.
struct ThreadPin {
    const void *pool = nullptr;
    void *slot = nullptr;
};
thread_local ThreadPin thread_pin;

}  // namespace

ConnectionPool::Slot &ConnectionPool::take_slot() {
    Slot *slot = nullptr;
    bool waited = false;
    std::unique_lock lock(mutex_);
    for (;;) {
        const auto free = std::find_if(slots_.begin(), slots_.end(), [](const Slot &s) { return !s.busy; });
        if (free != slots_.end()) {
            slot = &*free;
            break;
        }
        if (!waited && events_ != nullptr) events_->waited_for_connection();  // once per lease
        waited = true;
        available_.wait(lock);
    }
    slot->busy = true;
    return *slot;
}

// Opens the slot's connection if it has none; throws StorageUnavailable.
void ConnectionPool::open(Slot &slot) {
    if (slot.db) return;
    try {
        slot.db = std::make_unique<Database>(url_, busy_timeout_ms_, true);
    } catch (...) {
        slot.failed = true;
        if (events_ != nullptr) events_->connection_failed();
        throw;
    }
    if (slot.failed && events_ != nullptr) events_->reconnected();
    slot.failed = false;
}

ConnectionPool::Lease ConnectionPool::acquire() {
    if (thread_pin.pool == this) return Lease(*this, *static_cast<Slot *>(thread_pin.slot), true);
    Slot &slot = take_slot();
    Lease lease(*this, slot);  // frees the slot if the open fails
    open(slot);
    return lease;
}

void ConnectionPool::close(Slot &slot) {
    slot.lookup.reset();
    slot.refresh_grant.reset();
    slot.token_endpoint_reads.reset();
    slot.db.reset();
    slot.failed = true;
    slot.discard = false;
    if (events_ != nullptr) events_->connection_failed();
}

void ConnectionPool::release(Slot &slot, bool discard) {
    if (discard) close(slot);
    {
        const std::lock_guard lock(mutex_);
        slot.busy = false;
    }
    available_.notify_one();
}

ConnectionPool::Lease::~Lease() {
    if (slot_ == nullptr) return;
    if (pinned_)
        slot_->discard = slot_->discard || discard_;
    else
        pool_->release(*slot_, discard_);
}

ConnectionPool::Pin::Pin(ConnectionPool &pool) : pool_(&pool) {
    if (thread_pin.pool == &pool) {  // already pinned on this thread: that pin stays in charge
        pool_ = nullptr;
        return;
    }
    if (pool.url_.backend == Backend::sqlite3) {
        shared_ = std::unique_lock(pool.pinned_slot_mutex_, std::try_to_lock);
        if (!shared_.owns_lock()) {
            if (pool.events_ != nullptr) pool.events_->waited_for_pinned_connection();
            shared_.lock();
        }
        slot_ = &pool.pinned_slot_;
    } else {
        slot_ = &pool.take_slot();
    }
    try {
        pool.open(*slot_);
    } catch (...) {
        release();
        throw;
    }
    thread_pin = {&pool, slot_};
}

void ConnectionPool::Pin::release() {
    if (pool_ == nullptr || slot_ == nullptr) return;
    if (thread_pin.pool == pool_) thread_pin = {};
    if (shared_.owns_lock()) {
        if (slot_->discard) pool_->close(*slot_);
        shared_.unlock();
    } else {
        pool_->release(*slot_, slot_->discard);
    }
    slot_ = nullptr;
}

AccessTokenLookup &ConnectionPool::Lease::lookup() {
    if (!slot_->lookup) slot_->lookup = AccessTokenLookup::prepare(*slot_->db);
    return *slot_->lookup;
}

RefreshGrantStatements &ConnectionPool::Lease::refresh_grant() {
    if (!slot_->refresh_grant) slot_->refresh_grant = RefreshGrantStatements::prepare(*slot_->db);
    return *slot_->refresh_grant;
}

TokenEndpointReads &ConnectionPool::Lease::token_endpoint_reads() {
    if (!slot_->token_endpoint_reads) slot_->token_endpoint_reads = TokenEndpointReads::prepare(*slot_->db);
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
