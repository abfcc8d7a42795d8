// SQL for connection records (code, flow type, client, dedicated user).
#pragma once

#include "domain/connection.hpp"
#include "storage/database.hpp"

#include <map>

namespace pim {

class ConnectionRepository {
public:
    explicit ConnectionRepository(Database &db) : db_(db) {}

    void insert(const Connection &connection);
    bool code_taken(std::string_view code);  // case-insensitively
    std::map<std::int64_t, Connection> by_client_id();

private:
    Database &db_;
};

}  // namespace pim
