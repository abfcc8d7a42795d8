#include "storage/admin_session_repository.hpp"

#include "domain/role.hpp"

namespace pim {

void AdminSessionRepository::insert(const std::string &id_hash, const std::string &csrf_hash,
                                    std::int64_t user_id, std::int64_t now) {
    const long long user = user_id;
    const long long at = now;
    db_.sql() << "INSERT INTO pim_admin_session (id_hash, csrf_hash, user_id, created_at, last_seen_at) "
                 "VALUES (:i, :c, :u, :t, :t2)",
        soci::use(id_hash), soci::use(csrf_hash), soci::use(user), soci::use(at), soci::use(at);
}

std::optional<AdminSessionRow> AdminSessionRepository::find(const std::string &id_hash) {
    long long user_id = 0, created_at = 0, last_seen_at = 0;
    int enabled = 0, administrator = 0;
    AdminSessionRow row;
    const std::string admin_code(administrator_role_code);
    db_.sql() << "SELECT s.user_id, u.username, s.csrf_hash, s.created_at, s.last_seen_at, u.enabled, "
                 "(SELECT COUNT(*) FROM pim_user_role ur JOIN pim_role r ON r.id = ur.role_id "
                 "WHERE ur.user_id = u.id AND r.code = :admin) "
                 "FROM pim_admin_session s JOIN pim_user u ON u.id = s.user_id WHERE s.id_hash = :i",
        soci::use(admin_code), soci::use(id_hash), soci::into(user_id), soci::into(row.username),
        soci::into(row.csrf_hash), soci::into(created_at), soci::into(last_seen_at), soci::into(enabled),
        soci::into(administrator);
    if (!db_.sql().got_data()) return std::nullopt;
    row.user_id = user_id;
    row.created_at = created_at;
    row.last_seen_at = last_seen_at;
    row.user_enabled = enabled != 0;
    row.user_is_administrator = administrator > 0;
    return row;
}

void AdminSessionRepository::touch(const std::string &id_hash, std::int64_t now) {
    const long long at = now;
    db_.sql() << "UPDATE pim_admin_session SET last_seen_at = :t WHERE id_hash = :i", soci::use(at),
        soci::use(id_hash);
}

void AdminSessionRepository::remove(const std::string &id_hash) {
    db_.sql() << "DELETE FROM pim_admin_session WHERE id_hash = :i", soci::use(id_hash);
}

void AdminSessionRepository::remove_expired(std::int64_t idle_before, std::int64_t created_before) {
    const long long idle = idle_before;
    const long long created = created_before;
    db_.sql() << "DELETE FROM pim_admin_session WHERE last_seen_at < :idle OR created_at < :created",
        soci::use(idle), soci::use(created);
}

bool AdminSessionRepository::holds_role(std::int64_t user_id, const std::string &role_code) {
    const long long user = user_id;
    int count = 0;
    db_.sql() << "SELECT COUNT(*) FROM pim_user_role ur JOIN pim_role r ON r.id = ur.role_id "
                 "WHERE ur.user_id = :u AND r.code = :c",
        soci::use(user), soci::use(role_code), soci::into(count);
    return count > 0;
}

}  // namespace pim
