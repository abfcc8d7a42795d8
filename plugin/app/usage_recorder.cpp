#include "app/usage_recorder.hpp"

#include "domain/duration.hpp"

#include <algorithm>

namespace pim {
namespace {

void keep_newest(std::unordered_map<std::int64_t, std::int64_t> &times, std::int64_t id, std::int64_t at) {
    auto [it, inserted] = times.try_emplace(id, at);
    if (!inserted) it->second = std::max(it->second, at);
}

}  // namespace

void UsageRecorder::count(std::int64_t client_id, std::int64_t now, Metric metric) {
    Shard &shard = shard_of(client_id);
    const std::lock_guard lock(shard.mutex);
    ++shard.batch.counts[UsageKey{client_id, hour_start(now), metric}];
}

void UsageRecorder::used(std::int64_t client_id, std::int64_t user_id, std::int64_t access_token_id,
                         std::int64_t now) {
    Shard &shard = shard_of(client_id);
    const std::lock_guard lock(shard.mutex);
    keep_newest(shard.batch.client_last_used, client_id, now);
    if (user_id != 0) keep_newest(shard.batch.user_last_used, user_id, now);
    if (access_token_id != 0) keep_newest(shard.batch.access_token_last_used, access_token_id, now);
}

UsageBatch UsageRecorder::take() {
    UsageBatch all;
    for (Shard &shard : shards_) {
        UsageBatch taken;
        {
            const std::lock_guard lock(shard.mutex);
            std::swap(taken, shard.batch);
        }
        all.merge(std::move(taken));
    }
    return all;
}

void UsageRecorder::restore(UsageBatch &&batch) {
    Shard &shard = shards_[0];
    const std::lock_guard lock(shard.mutex);
    shard.batch.merge(std::move(batch));
}

}  // namespace pim
