#include "app/maintenance_service.hpp"

#include "storage/migrations.hpp"
#include "storage/token_repository.hpp"

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
