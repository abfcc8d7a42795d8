// SQL of security events: appended, the oldest beyond a per-client bound
// deleted. Callers own transactions.
#pragma once

#include "domain/security_event.hpp"
#include "storage/database.hpp"

#include <vector>

namespace pim {

class SecurityEventRepository {
public:
    explicit SecurityEventRepository(Database &db) : db_(db) {}

    // Inserts the event, then keeps only the newest `keep` of its client.
    void append(const SecurityEvent &event, int keep);
    // The newest `limit` events of a client, newest first.
    std::vector<SecurityEvent> recent(std::int64_t client_id, int limit);
    bool any(std::int64_t client_id);

private:
    Database &db_;
};

}  // namespace pim
