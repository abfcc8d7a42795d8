// Schema migrations and the removal of expired tokens: the use cases behind
// pim:db:migrate and pim:oauth-server:clean.
#pragma once

#include "storage/database.hpp"
#include "storage/throttle_repository.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace pim {

struct AppliedMigration {
    int version = 0;
    std::string name;
};

struct MigrationReport {
    std::vector<AppliedMigration> applied;
    int version = 0;
};

enum class TokenKind { access, refresh };

class MaintenanceService {
public:
    explicit MaintenanceService(Database &db) : db_(db) {}

    // Applies the pending migrations (idempotent).
    MigrationReport migrate();
    // Deletes the tokens of `kind` that expired before `now`, in batches of
    // their own short transactions (API traffic is never blocked long);
    // `progress` gets the running total after each batch.
    std::int64_t clean_expired(TokenKind kind, std::int64_t now,
                               const std::function<void(std::int64_t)> &progress);
    // Usage buckets older than the retention, and token-family use rows whose
    // tokens are gone (docs/connection-monitoring.md); returns the buckets removed.
    std::int64_t prune_usage(std::int64_t now, int retention_days);
    // Throttle rows that neither block nor count any more.
    std::int64_t prune_throttle(std::int64_t now, const ThrottleLimits &limits);

private:
    Database &db_;
};

}  // namespace pim
