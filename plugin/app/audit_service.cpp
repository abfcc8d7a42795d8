#include "app/audit_service.hpp"

#include "app/json_views.hpp"
#include "domain/duration.hpp"
#include "storage/client_repository.hpp"
#include "storage/connection_repository.hpp"
#include "storage/security_event_repository.hpp"
#include "storage/usage_repository.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace pim {
namespace {

constexpr std::int64_t seconds_per_day = 24 * seconds_per_hour;

std::int64_t day_start(std::int64_t unix_seconds) {
    return unix_seconds - ((unix_seconds % seconds_per_day) + seconds_per_day) % seconds_per_day;
}

// Adds a count to the period starting at `start` (periods come in time order).
void add_to(std::vector<UsagePeriod> &periods, std::int64_t start, const UsageCount &count) {
    if (periods.empty() || periods.back().start != start) periods.push_back({start, {}});
    periods.back().hits[count.metric] += count.hits;
}

boost::json::array periods_json(const std::vector<UsagePeriod> &periods, const char *key) {
    boost::json::array out;
    for (const auto &period : periods) {
        boost::json::object entry{{key, utc_timestamp(period.start)}};
        for (const auto &[metric, hits] : period.hits) entry[metric] = hits;
        out.push_back(entry);
    }
    return out;
}

}  // namespace

Audit AuditService::of_client(std::string_view public_id, const std::string &not_found_message) {
    const auto id = parse_public_client_id(public_id);
    if (!id) throw NotFoundError(not_found_message);
    return with_storage_errors(db_, [&] {
        auto client = ClientRepository(db_, *settings_.keys).find(*id);
        if (!client) throw NotFoundError(not_found_message);
        auto connection = ConnectionRepository(db_).find_by_client(client->id);
        return collect(std::move(*client), std::move(connection));
    });
}

Audit AuditService::of_connection(std::string_view code, const std::string &not_found_message) {
    return with_storage_errors(db_, [&] {
        auto connection = ConnectionRepository(db_).find_by_code(code);
        if (!connection) throw NotFoundError(not_found_message);
        auto client = ClientRepository(db_, *settings_.keys).find_by_row_id(connection->client_id);
        if (!client) throw NotFoundError(not_found_message);
        return collect(std::move(*client), std::move(connection));
    });
}

Audit AuditService::collect(Client client, std::optional<Connection> connection) {
    Audit audit{std::move(client), std::move(connection), {}, {}, {}, {}};
    const std::int64_t now = settings_.clock->now();
    const std::int64_t since_day = day_start(now) - 6 * seconds_per_day;
    const std::int64_t since_hour = hour_start(now) - 23 * seconds_per_hour;
    const std::int64_t since_week_hour = hour_start(now) - 167 * seconds_per_hour;
    for (const auto &count :
         UsageRepository(db_).counts(audit.client.id, std::min(since_day, since_week_hour))) {
        if (count.hour_start >= since_day) add_to(audit.days, day_start(count.hour_start), count);
        if (count.hour_start >= since_hour) add_to(audit.hours, count.hour_start, count);
        if (count.hour_start >= since_week_hour) add_to(audit.week_hours, count.hour_start, count);
    }
    audit.events = SecurityEventRepository(db_).recent(audit.client.id, audit_event_limit);
    return audit;
}

boost::json::object audit_json(const Audit &audit) {
    boost::json::array events;
    for (const auto &event : audit.events)
        events.push_back(boost::json::object{{"time", utc_timestamp(event.occurred_at)},
                                             {"event", event.event},
                                             {"remote_address", event.remote_address},
                                             {"detail", event.detail}});
    boost::json::value connection = nullptr;
    if (audit.connection) connection = audit.connection->code;
    boost::json::value previous_until = nullptr;
    if (audit.client.previous_secret) previous_until = utc_timestamp(audit.client.previous_secret_expires_at);
    return {{"client_id", audit.client.public_id()},
            {"label", audit.client.label},
            {"connection", connection},
            {"last_used_at", timestamp_json(audit.client.last_used_at)},
            {"previous_secret_valid_until", previous_until},
            {"hours", periods_json(audit.hours, "hour")},
            {"days", periods_json(audit.days, "day")},
            {"hours_7d", periods_json(audit.week_hours, "hour")},
            {"events", events}};
}

}  // namespace pim
