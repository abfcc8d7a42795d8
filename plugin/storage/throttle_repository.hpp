// Failed-authentication counters (pim_api_throttle), shared by every host
// process through the database. The read of a counter, on every token
// request, is a prepared statement of TokenEndpointReads.
#pragma once

#include "storage/database.hpp"

#include <cstdint>
#include <string>

namespace pim {

struct ThrottleLimits {
    int max_failures = 10;  // 0: throttling off
    std::int64_t window_seconds = 300;
    std::int64_t block_seconds = 300;
};

class ThrottleRepository {
public:
    explicit ThrottleRepository(Database &db) : db_(db) {}

    // Counts a failure; returns the new blocked_until (0 when not blocked).
    // Call inside a write transaction.
    std::int64_t record_failure(const std::string &subject, std::int64_t now, const ThrottleLimits &limits);
    void clear(const std::string &subject);
    // Deletes rows neither blocking nor counting failures any more; returns how many.
    std::int64_t delete_stale(std::int64_t now, const ThrottleLimits &limits);

private:
    Database &db_;
};

}  // namespace pim
