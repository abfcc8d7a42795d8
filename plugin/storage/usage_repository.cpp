#include "storage/usage_repository.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace pim {
namespace {

const char *upsert_count_sql(Backend backend) {
    if (backend == Backend::mysql)
        return "INSERT INTO pim_api_usage (client_id, hour_start, metric, hits) VALUES (:c, :h, :m, :n) "
               "ON DUPLICATE KEY UPDATE hits = hits + VALUES(hits)";
    return "INSERT INTO pim_api_usage (client_id, hour_start, metric, hits) VALUES (:c, :h, :m, :n) "
           "ON CONFLICT (client_id, hour_start, metric) DO UPDATE SET hits = pim_api_usage.hits + "
           "excluded.hits";
}

const char *upsert_family_sql(Backend backend) {
    switch (backend) {
        case Backend::mysql:
            return "INSERT INTO pim_api_token_family_use (family_id, last_used_at) "
                   "SELECT family_id, :t FROM pim_api_access_token WHERE id = :id "
                   "ON DUPLICATE KEY UPDATE last_used_at = GREATEST(last_used_at, VALUES(last_used_at))";
        case Backend::postgresql:  // a parameter in a SELECT list has no type of its own there
            return "INSERT INTO pim_api_token_family_use (family_id, last_used_at) "
                   "SELECT family_id, CAST(:t AS BIGINT) FROM pim_api_access_token WHERE id = :id "
                   "ON CONFLICT (family_id) DO UPDATE SET last_used_at = "
                   "GREATEST(pim_api_token_family_use.last_used_at, excluded.last_used_at)";
        case Backend::sqlite3: break;
    }
    return "INSERT INTO pim_api_token_family_use (family_id, last_used_at) "
           "SELECT family_id, :t FROM pim_api_access_token WHERE id = :id "
           "ON CONFLICT (family_id) DO UPDATE SET last_used_at = "
           "MAX(pim_api_token_family_use.last_used_at, excluded.last_used_at)";
}

// Sorted copies: every host locks rows in the same order.
std::map<std::int64_t, std::int64_t> sorted(const std::unordered_map<std::int64_t, std::int64_t> &times) {
    return {times.begin(), times.end()};
}

}  // namespace

void UsageRepository::add(const UsageBatch &batch) {
    add_counts(batch);
    touch("pim_api_client", batch.client_last_used);
    touch("pim_user", batch.user_last_used);
    touch_families(batch.access_token_last_used);
}

void UsageRepository::add_counts(const UsageBatch &batch) {
    if (batch.counts.empty()) return;
    std::vector<std::pair<UsageKey, std::int64_t>> rows(batch.counts.begin(), batch.counts.end());
    std::sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) {
        return std::tie(a.first.client_id, a.first.hour_start, a.first.metric) <
               std::tie(b.first.client_id, b.first.hour_start, b.first.metric);
    });
    long long client_id = 0, hour = 0, hits = 0;
    std::string metric;
    soci::statement st = (db_.sql().prepare << upsert_count_sql(db_.backend()), soci::use(client_id),
                          soci::use(hour), soci::use(metric), soci::use(hits));
    for (const auto &[key, count] : rows) {
        client_id = key.client_id;
        hour = key.hour_start;
        metric = std::string(metric_name(key.metric));
        hits = count;
        st.execute(true);
    }
}

void UsageRepository::touch(const char *table, const std::unordered_map<std::int64_t, std::int64_t> &times) {
    if (times.empty()) return;
    long long id = 0, at = 0;
    soci::statement st = (db_.sql().prepare << std::string("UPDATE ") + table +
                                                   " SET last_used_at = :t WHERE id = :id AND "
                                                   "(last_used_at IS NULL OR last_used_at < :t2)",
                          soci::use(at), soci::use(id), soci::use(at));
    for (const auto &[row_id, used_at] : sorted(times)) {
        id = row_id;
        at = used_at;
        st.execute(true);
    }
}

void UsageRepository::touch_families(const std::unordered_map<std::int64_t, std::int64_t> &times) {
    if (times.empty()) return;
    long long id = 0, at = 0;
    soci::statement st =
        (db_.sql().prepare << upsert_family_sql(db_.backend()), soci::use(at), soci::use(id));
    for (const auto &[token_id, used_at] : sorted(times)) {
        id = token_id;
        at = used_at;
        st.execute(true);
    }
}

std::vector<UsageCount> UsageRepository::counts(std::int64_t client_id, std::int64_t since_hour) {
    std::vector<UsageCount> out;
    const long long client = client_id, since = since_hour;
    long long hour = 0, hits = 0;
    std::string metric;
    soci::statement st =
        (db_.sql().prepare << "SELECT hour_start, metric, hits FROM pim_api_usage "
                              "WHERE client_id = :c AND hour_start >= :h "
                              "ORDER BY hour_start, metric",
         soci::use(client), soci::use(since), soci::into(hour), soci::into(metric), soci::into(hits));
    st.execute();
    while (st.fetch()) out.push_back({hour, metric, hits});
    return out;
}

std::int64_t UsageRepository::prune(std::int64_t before_hour) {
    const long long before = before_hour;
    soci::statement st =
        (db_.sql().prepare << "DELETE FROM pim_api_usage WHERE hour_start < :h", soci::use(before));
    st.execute(true);
    return st.get_affected_rows();
}

std::int64_t UsageRepository::prune_orphan_families() {
    soci::statement st = (db_.sql().prepare << "DELETE FROM pim_api_token_family_use WHERE family_id NOT IN "
                                               "(SELECT family_id FROM pim_api_access_token UNION "
                                               "SELECT family_id FROM pim_api_refresh_token)");
    st.execute(true);
    return st.get_affected_rows();
}

}  // namespace pim
