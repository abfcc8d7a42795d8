#include "storage/throttle_repository.hpp"

namespace pim {

std::int64_t ThrottleRepository::record_failure(const std::string &subject, std::int64_t now,
                                                const ThrottleLimits &limits) {
    // Create the row if needed without a unique-key race between processes,
    // then lock it (SQLite's write transaction already serialises writers).
    const long long start = now;
    const char *insert =
        db_.backend() == Backend::mysql
            ? "INSERT IGNORE INTO pim_api_throttle (subject, failures, window_start, blocked_until) "
              "VALUES (:s, 0, :w, 0)"
            : "INSERT INTO pim_api_throttle (subject, failures, window_start, blocked_until) "
              "VALUES (:s, 0, :w, 0) ON CONFLICT (subject) DO NOTHING";
    db_.sql() << insert, soci::use(subject), soci::use(start);
    long long failures = 0, window_start = 0;
    const std::string lock = db_.backend() == Backend::sqlite3 ? "" : " FOR UPDATE";
    db_.sql() << "SELECT failures, window_start FROM pim_api_throttle WHERE subject = :s" + lock,
        soci::use(subject), soci::into(failures), soci::into(window_start);
    // A fixed window: failures older than the window start a new count.
    if (now - window_start >= limits.window_seconds) {
        failures = 0;
        window_start = now;
    }
    long long blocked = 0;
    if (++failures >= limits.max_failures) {
        blocked = now + limits.block_seconds;
        failures = 0;
        window_start = now;
    }
    db_.sql() << "UPDATE pim_api_throttle SET failures = :f, window_start = :w, blocked_until = :b WHERE "
                 "subject = :s",
        soci::use(failures), soci::use(window_start), soci::use(blocked), soci::use(subject);
    return blocked;
}

std::int64_t ThrottleRepository::delete_stale(std::int64_t now, const ThrottleLimits &limits) {
    const long long at = now, window_ended_before = now - limits.window_seconds;
    soci::statement st = (db_.sql().prepare << "DELETE FROM pim_api_throttle WHERE blocked_until <= :n AND "
                                               "window_start <= :w",
                          soci::use(at), soci::use(window_ended_before));
    st.execute(true);
    return st.get_affected_rows();
}

void ThrottleRepository::clear(const std::string &subject) {
    db_.sql() << "DELETE FROM pim_api_throttle WHERE subject = :s", soci::use(subject);
}

}  // namespace pim
