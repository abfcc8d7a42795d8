#include "storage/connection_repository.hpp"

#include "domain/text.hpp"

#include <ctime>

namespace pim {

void ConnectionRepository::insert(const Connection &connection) {
    const int auditable = connection.auditable ? 1 : 0;
    const long long client_id = connection.client_id;
    long long user_id = connection.user_id.value_or(0);
    soci::indicator user_indicator = connection.user_id ? soci::i_ok : soci::i_null;
    const auto now = static_cast<long long>(std::time(nullptr));
    db_.sql() << "INSERT INTO pim_api_connection (code, label, flow_type, auditable, client_id, user_id, "
                 "created_at) "
                 "VALUES (:c, :l, :f, :a, :cl, :u, :t)",
        soci::use(connection.code), soci::use(connection.label), soci::use(connection.flow_type),
        soci::use(auditable), soci::use(client_id), soci::use(user_id, user_indicator), soci::use(now);
}

bool ConnectionRepository::code_taken(std::string_view code) {
    const std::string wanted = ascii_lower(code);
    int count = 0;
    db_.sql() << "SELECT COUNT(*) FROM pim_api_connection WHERE LOWER(code) = :c", soci::use(wanted),
        soci::into(count);
    return count > 0;
}

std::optional<Connection> ConnectionRepository::find_by_client(std::int64_t client_id) {
    // Few connections exist (one per connector): the whole map is cheap.
    auto all = by_client_id();
    const auto found = all.find(client_id);
    if (found == all.end()) return std::nullopt;
    return std::move(found->second);
}

std::optional<Connection> ConnectionRepository::find_by_code(std::string_view code) {
    for (auto &[client_id, connection] : by_client_id())
        if (connection.code == code) return std::move(connection);
    return std::nullopt;
}

std::vector<Connection> ConnectionRepository::find_by_user(std::int64_t user_id) {
    std::vector<Connection> out;
    for (auto &[client_id, connection] : by_client_id())
        if (connection.user_id == user_id) out.push_back(std::move(connection));
    return out;
}

std::map<std::int64_t, Connection> ConnectionRepository::by_client_id() {
    std::map<std::int64_t, Connection> out;
    Connection row;
    long long client_id = 0;
    long long user_id = 0;
    int auditable = 0;
    std::string username;
    soci::indicator user_indicator = soci::i_ok;
    soci::indicator username_indicator = soci::i_ok;
    soci::statement st =
        (db_.sql().prepare << "SELECT c.code, c.label, c.flow_type, c.auditable, c.client_id, c.user_id, "
                              "u.username FROM pim_api_connection c LEFT JOIN pim_user u ON u.id = c.user_id",
         soci::into(row.code), soci::into(row.label), soci::into(row.flow_type), soci::into(auditable),
         soci::into(client_id), soci::into(user_id, user_indicator),
         soci::into(username, username_indicator));
    st.execute();
    while (st.fetch()) {
        Connection connection = row;
        connection.auditable = auditable != 0;
        connection.client_id = client_id;
        if (user_indicator == soci::i_ok) connection.user_id = user_id;
        if (username_indicator == soci::i_ok) connection.username = username;
        out.emplace(client_id, std::move(connection));
    }
    return out;
}

}  // namespace pim
