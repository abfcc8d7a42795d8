// SQL of the admin console's sessions (pim_admin_session): rows are keyed by
// a keyed hash of the session id; the CSRF token is stored hashed too.
#pragma once

#include "storage/database.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace pim {

// A stored session joined with what decides whether it may still be used.
struct AdminSessionRow {
    std::int64_t user_id = 0;
    std::string username;
    std::string csrf_hash;
    std::int64_t created_at = 0;
    std::int64_t last_seen_at = 0;
    bool user_enabled = false;
    bool user_is_administrator = false;
};

class AdminSessionRepository {
public:
    explicit AdminSessionRepository(Database &db) : db_(db) {}

    void insert(const std::string &id_hash, const std::string &csrf_hash, std::int64_t user_id,
                std::int64_t now);
    std::optional<AdminSessionRow> find(const std::string &id_hash);
    void touch(const std::string &id_hash, std::int64_t now);
    void remove(const std::string &id_hash);
    // Sessions idle since `idle_before` or created before `created_before`.
    void remove_expired(std::int64_t idle_before, std::int64_t created_before);
    // Whether the user holds the role `role_code` (exact code).
    bool holds_role(std::int64_t user_id, const std::string &role_code);

private:
    Database &db_;
};

}  // namespace pim
