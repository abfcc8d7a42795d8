#include "storage/security_event_repository.hpp"

namespace pim {

void SecurityEventRepository::append(const SecurityEvent &event, int keep) {
    const long long client_id = event.client_id, at = event.occurred_at;
    db_.sql() << "INSERT INTO pim_api_security_event (client_id, occurred_at, event, remote_address, detail) "
                 "VALUES (:c, :t, :e, :r, :d)",
        soci::use(client_id), soci::use(at), soci::use(event.event), soci::use(event.remote_address),
        soci::use(event.detail);
    // Two statements: MySQL refuses a DELETE reading its own table in a subquery.
    long long oldest_kept = 0;
    const int offset = keep - 1;
    db_.sql()
        << "SELECT id FROM pim_api_security_event WHERE client_id = :c ORDER BY id DESC LIMIT 1 OFFSET " +
               std::to_string(offset),
        soci::use(client_id), soci::into(oldest_kept);
    if (!db_.sql().got_data()) return;
    db_.sql() << "DELETE FROM pim_api_security_event WHERE client_id = :c AND id < :id", soci::use(client_id),
        soci::use(oldest_kept);
}

std::vector<SecurityEvent> SecurityEventRepository::recent(std::int64_t client_id, int limit) {
    std::vector<SecurityEvent> out;
    const long long client = client_id;
    SecurityEvent row;
    long long at = 0;
    soci::statement st =
        (db_.sql().prepare << "SELECT occurred_at, event, remote_address, detail FROM pim_api_security_event "
                              "WHERE client_id = :c ORDER BY id DESC LIMIT " +
                                  std::to_string(limit),
         soci::use(client), soci::into(at), soci::into(row.event), soci::into(row.remote_address),
         soci::into(row.detail));
    st.execute();
    while (st.fetch()) {
        row.client_id = client_id;
        row.occurred_at = at;
        out.push_back(row);
    }
    return out;
}

bool SecurityEventRepository::any(std::int64_t client_id) {
    const long long client = client_id;
    long long count = 0;
    db_.sql() << "SELECT COUNT(*) FROM pim_api_security_event WHERE client_id = :c", soci::use(client),
        soci::into(count);
    return count > 0;
}

}  // namespace pim
