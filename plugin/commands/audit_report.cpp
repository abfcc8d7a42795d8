#include "commands/audit_report.hpp"

#include "domain/duration.hpp"

#include <array>

namespace pim {
namespace {

struct Column {
    const char *title;
    std::array<const char *, 3> metrics;  // summed; nullptr ends the list
};

const std::array<Column, 8> columns{{
    {"api 200", {"api.200", nullptr, nullptr}},
    {"api 401", {"api.401", nullptr, nullptr}},
    {"api 403", {"api.403", nullptr, nullptr}},
    {"grants ok", {"grant.password.ok", "grant.refresh_token.ok", "grant.client_credentials.ok"}},
    {"grants refused",
     {"grant.password.refused", "grant.refresh_token.refused", "grant.client_credentials.refused"}},
    {"throttled", {"throttled", nullptr, nullptr}},
    {"current secret", {"secret.current", nullptr, nullptr}},
    {"previous secret", {"secret.previous", nullptr, nullptr}},
}};

void print_periods(Console &console, const char *first, const std::vector<UsagePeriod> &periods,
                   std::size_t date_length) {
    if (periods.empty()) {
        console.line("No calls recorded.");
        return;
    }
    std::vector<std::string> headers{first};
    for (const auto &column : columns) headers.emplace_back(column.title);
    std::vector<std::vector<std::string>> rows;
    for (const auto &period : periods) {
        std::vector<std::string> row{utc_timestamp(period.start).substr(0, date_length)};
        for (const auto &column : columns) {
            std::int64_t sum = 0;
            for (const char *metric : column.metrics)
                if (metric != nullptr)
                    if (const auto found = period.hits.find(metric); found != period.hits.end())
                        sum += found->second;
            row.push_back(std::to_string(sum));
        }
        rows.push_back(std::move(row));
    }
    print_table(console, headers, rows);
}

}  // namespace

void print_audit(Console &console, const Audit &audit) {
    console.line("Client: " + console.styled(Style::info, audit.client.public_id()) + " (" +
                 audit.client.label + ")");
    if (audit.connection) console.line("Connection: " + console.styled(Style::info, audit.connection->code));
    console.line("Last used: " + (audit.client.last_used_at ? utc_timestamp(*audit.client.last_used_at)
                                                            : std::string("never")));
    if (audit.client.previous_secret)
        console.line("Previous secret valid until: " +
                     utc_timestamp(audit.client.previous_secret_expires_at));
    console.line("");
    console.line("Per hour, last 24 hours (UTC):");
    print_periods(console, "hour", audit.hours, 16);
    console.line("");
    console.line("Per day, last 7 days (UTC):");
    print_periods(console, "day", audit.days, 10);
    console.line("");
    console.line("Security events, newest first:");
    if (audit.events.empty()) {
        console.line("No security event.");
        return;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto &event : audit.events)
        rows.push_back({utc_timestamp(event.occurred_at), event.event, event.remote_address, event.detail});
    print_table(console, {"time", "event", "remote address", "detail"}, rows);
}

}  // namespace pim
