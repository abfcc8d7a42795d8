// Write-behind usage recording (issue 15): the bearer check and the token
// endpoint add counts and "last used" times to memory; a background task
// (UsageFlusher) takes them in one batch and adds them to the database. A
// record is a mutex-guarded map update in one of a few shards picked by the
// client id: no database write, and no allocation once a key exists in the
// current interval.
#pragma once

#include "domain/usage.hpp"

#include <array>
#include <cstdint>
#include <mutex>

namespace pim {

class UsageRecorder {
public:
    void count(std::int64_t client_id, std::int64_t now, Metric metric);
    // A successful use: of a client, and of a user and access token when
    // non-zero.
    void used(std::int64_t client_id, std::int64_t user_id, std::int64_t access_token_id, std::int64_t now);
    // Everything recorded so far; the recorder starts empty again.
    UsageBatch take();
    // A batch whose flush failed goes back, to be tried again.
    void restore(UsageBatch &&batch);

private:
    static constexpr std::size_t shard_count = 16;
    struct Shard {
        std::mutex mutex;
        UsageBatch batch;
    };
    Shard &shard_of(std::int64_t client_id) {
        return shards_[static_cast<std::size_t>(client_id) % shard_count];
    }

    std::array<Shard, shard_count> shards_;
};

}  // namespace pim
