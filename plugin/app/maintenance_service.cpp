#include "app/maintenance_service.hpp"

#include "domain/duration.hpp"
#include "storage/migrations.hpp"
#include "storage/token_repository.hpp"
#include "storage/usage_repository.hpp"

namespace pim {
namespace {

constexpr int batch_size = 5000;

}  // namespace

MigrationReport MaintenanceService::migrate() {
    Migrator migrator(db_);
    MigrationReport report;
    for (const auto &migration : migrator.apply_pending())
        report.applied.push_back({migration.version, migration.name});
    report.version = migrator.current_version();
    return report;
}

std::int64_t MaintenanceService::prune_usage(std::int64_t now, int retention_days) {
    return with_storage_errors(db_, [&] {
        WriteTransaction transaction(db_);
        UsageRepository usage(db_);
        const auto removed =
            usage.prune(hour_start(now) - std::int64_t{retention_days} * 24 * seconds_per_hour);
        usage.prune_orphan_families();
        transaction.commit();
        return removed;
    });
}

std::int64_t MaintenanceService::prune_throttle(std::int64_t now, const ThrottleLimits &limits) {
    return with_storage_errors(db_, [&] {
        WriteTransaction transaction(db_);
        const auto removed = ThrottleRepository(db_).delete_stale(now, limits);
        transaction.commit();
        return removed;
    });
}

std::int64_t MaintenanceService::clean_expired(TokenKind kind, std::int64_t now,
                                               const std::function<void(std::int64_t)> &progress) {
    const char *table = kind == TokenKind::access ? "pim_api_access_token" : "pim_api_refresh_token";
    std::int64_t total = 0;
    for (;;) {
        const std::int64_t removed = with_storage_errors(db_, [&] {
            WriteTransaction transaction(db_);
            const auto count = TokenRepository(db_).delete_expired(table, now, batch_size);
            transaction.commit();
            return count;
        });
        total += removed;
        if (progress) progress(total);
        if (removed < batch_size) return total;
    }
}

}  // namespace pim
