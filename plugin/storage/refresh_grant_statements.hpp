// The refresh grant's SQL (find the token, mark it used, insert the new
// access and refresh tokens), prepared once per pooled connection: a refresh
// grant runs on every connector's schedule, and preparing its four
// statements anew each time cost more than running them.
#pragma once

#include "storage/database.hpp"
#include "storage/token_repository.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace pim {

// A refresh token with what validation needs of its user (none for a
// client_credentials token), from one query.
struct RefreshTokenRow : StoredRefreshToken {
    bool user_enabled = false;
    std::string username;
};

class RefreshGrantStatements : public TokenInserter {
public:
    virtual std::optional<RefreshTokenRow> find(const std::string &hash) = 0;
    // Single use: true only for the one caller that flips it.
    virtual bool mark_used(std::int64_t id, std::int64_t now) = 0;

    // SQLite: native prepared statements on SOCI's connection, without
    // SOCI's conversion of every parameter and column (find: 18.1k -> 14.5k
    // instructions); other backends: SOCI prepared statements.
    static std::unique_ptr<RefreshGrantStatements> prepare(Database &db);
};

}  // namespace pim
