#include "storage/connection_pool.hpp"

#include "domain/errors.hpp"

namespace pim {

ConnectionPool::ConnectionPool(DatabaseUrl url, int busy_timeout_ms, std::size_t size)
    : url_(std::move(url)), busy_timeout_ms_(busy_timeout_ms), slots_(size == 0 ? 1 : size) {}

ConnectionPool::Lease ConnectionPool::acquire() {
    Slot *slot = nullptr;
    {
        std::unique_lock lock(mutex_);
        for (;;) {
            for (auto &candidate : slots_)
                if (!candidate.busy) {
                    slot = &candidate;
                    break;
                }
            if (slot != nullptr) break;
            available_.wait(lock);
        }
        slot->busy = true;
    }
    Lease lease(*this, *slot);
    if (!slot->db)
        slot->db = std::make_unique<Database>(url_, busy_timeout_ms_);  // may throw: the lease frees the slot
    return lease;
}

void ConnectionPool::release(Slot &slot, bool discard) {
    if (discard) {
        slot.lookup.reset();
        slot.db.reset();
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

bool ConnectionPool::Lease::find_access_token(const TokenHash &hash) {
    try {
        return lookup().find(hash, row());
    } catch (const soci::soci_error &error) {
        discard();
        rethrow_storage_error(db(), error);
    }
}

}  // namespace pim
