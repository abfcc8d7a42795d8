// The refresh grant's SQL (find the token, mark it used, insert the new
// access and refresh tokens), prepared once per pooled connection: a refresh
// grant runs on every connector's schedule, and preparing its four
// statements anew each time cost more than running them.
#pragma once

#include "storage/database.hpp"
#include "storage/token_repository.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace pim {

// A refresh token with what validation needs of its user (none for a
// client_credentials token), from one query.
struct RefreshTokenRow : StoredRefreshToken {
    bool user_enabled = false;
    std::string username;
};

class RefreshGrantStatements final : public TokenInserter {
public:
    explicit RefreshGrantStatements(Database &db);

    std::optional<RefreshTokenRow> find(const std::string &hash);
    // Single use: true only for the one caller that flips it.
    bool mark_used(std::int64_t id, std::int64_t now);
    void insert_access(const std::string &hash, const StoredToken &token) override;
    void insert_refresh(const std::string &hash, const StoredToken &token) override;

private:
    class Insert {
    public:
        Insert(Database &db, const char *table);
        void run(const std::string &hash, const StoredToken &token);

    private:
        std::string hash_, family_id_;
        long long client_id_ = 0, user_id_ = 0, expires_at_ = 0, issued_at_ = 0;
        soci::indicator user_indicator_ = soci::i_ok;
        soci::statement statement_;
    };

    // find's parameter and row
    std::string hash_;
    long long id_ = 0, client_id_ = 0, user_id_ = 0, expires_at_ = 0, used_at_ = 0, issued_at_ = 0;
    int enabled_ = 0;
    std::string family_id_, username_;
    soci::indicator user_indicator_ = soci::i_ok, used_indicator_ = soci::i_ok,
                    enabled_indicator_ = soci::i_ok, username_indicator_ = soci::i_ok;
    soci::statement find_;
    // mark_used's parameters
    long long mark_id_ = 0, mark_now_ = 0;
    soci::statement mark_used_;
    Insert insert_access_, insert_refresh_;
};

}  // namespace pim
