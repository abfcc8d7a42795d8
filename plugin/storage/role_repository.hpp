// SQL for roles, their granted permissions and their holders.
#pragma once

#include "domain/role.hpp"
#include "storage/database.hpp"

#include <optional>
#include <vector>

namespace pim {

class RoleRepository {
public:
    explicit RoleRepository(Database &db) : db_(db) {}

    // Codes are upper-case ASCII: `code` is matched after upper-casing.
    std::optional<Role> find_by_code(std::string_view code);
    std::vector<Role> list();  // by folded label, then code; with permissions and users

    std::int64_t insert(const std::string &code, const std::string &label);
    void rename(std::int64_t id, const std::string &code, const std::string &label);
    void set_permissions(std::int64_t id, const std::vector<std::string> &permissions);
    void grant(std::int64_t id, const std::string &permission);
    void deny(std::int64_t id, const std::string &permission);
    void set_holders(std::int64_t id, const std::vector<std::int64_t> &user_ids);
    void remove(std::int64_t id);

private:
    void load_details(Role &role);

    Database &db_;
};

}  // namespace pim
