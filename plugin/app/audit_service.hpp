// pim:connection:audit, pim:oauth-server:audit and their hooks: a client's
// last use, its counts per hour (last 24 h and, for the console's chart, last
// 168 h) and per day (last 7 days), and its newest security events.
#pragma once

#include "config/settings.hpp"
#include "domain/client.hpp"
#include "domain/connection.hpp"
#include "domain/security_event.hpp"
#include "storage/database.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pim {

// Counts of one hour or day, by metric name ("api.200", "grant.password.ok"...).
struct UsagePeriod {
    std::int64_t start = 0;
    std::map<std::string, std::int64_t> hits;
};

struct Audit {
    Client client;
    std::optional<Connection> connection;
    std::vector<UsagePeriod> hours;     // the last 24 hours with counts, oldest first
    std::vector<UsagePeriod> days;      // the last 7 days with counts, oldest first
    std::vector<SecurityEvent> events;  // newest first
    // The last 168 hours (7 days) with counts, oldest first: the console's chart.
    std::vector<UsagePeriod> week_hours;
};

inline constexpr int audit_event_limit = 20;

class AuditService {
public:
    AuditService(Database &db, const Settings &settings) : db_(db), settings_(settings) {}

    // NotFoundError(not_found_message) when no such client / connection exists.
    Audit of_client(std::string_view public_id, const std::string &not_found_message);
    Audit of_connection(std::string_view code, const std::string &not_found_message);

private:
    Audit collect(Client client, std::optional<Connection> connection);

    Database &db_;
    const Settings &settings_;
};

boost::json::object audit_json(const Audit &audit);

}  // namespace pim
