// SQL for connection records (code, flow type, client, dedicated user).
#pragma once

#include "domain/connection.hpp"
#include "storage/database.hpp"

#include <map>
#include <optional>
#include <vector>

namespace pim {

class ConnectionRepository {
public:
    explicit ConnectionRepository(Database &db) : db_(db) {}

    void insert(const Connection &connection);
    bool code_taken(std::string_view code);  // case-insensitively
    std::map<std::int64_t, Connection> by_client_id();
    std::optional<Connection> find_by_client(std::int64_t client_id);
    std::optional<Connection> find_by_code(std::string_view code);  // exact code
    // The connections whose dedicated user is `user_id`.
    std::vector<Connection> find_by_user(std::int64_t user_id);

private:
    Database &db_;
};

}  // namespace pim
