// SQL of connection monitoring: hourly usage counters added by every host
// (upsert with increment), "last used" times that only move forward, and
// their pruning. Callers own transactions.
#pragma once

#include "domain/usage.hpp"
#include "storage/database.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace pim {

struct UsageCount {
    std::int64_t hour_start = 0;
    std::string metric;
    std::int64_t hits = 0;
};

class UsageRepository {
public:
    explicit UsageRepository(Database &db) : db_(db) {}

    // Adds the batch's counts to the stored ones and moves last-use times
    // forward, in a fixed order (keys sorted) so that concurrent flushes of
    // several hosts never deadlock.
    void add(const UsageBatch &batch);
    // The counts of a client from `since_hour` on, oldest first.
    std::vector<UsageCount> counts(std::int64_t client_id, std::int64_t since_hour);
    // Deletes the buckets that started before `before_hour`; returns how many.
    std::int64_t prune(std::int64_t before_hour);
    // Deletes token-family use rows whose family has no token left.
    std::int64_t prune_orphan_families();

private:
    void add_counts(const UsageBatch &batch);
    void touch(const char *table, const std::unordered_map<std::int64_t, std::int64_t> &times);
    void touch_families(const std::unordered_map<std::int64_t, std::int64_t> &times);

    Database &db_;
};

}  // namespace pim
