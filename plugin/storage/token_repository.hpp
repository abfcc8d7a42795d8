// SQL for access and refresh tokens, stored only as keyed hashes.
#pragma once

#include "storage/database.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace pim {

struct StoredToken {
    std::int64_t client_id = 0;
    std::optional<std::int64_t> user_id;  // none for client_credentials
    std::string family_id;                // 32 hex digits, shared by a grant's descendants
    std::int64_t expires_at = 0;
    std::int64_t issued_at = 0;  // introspection's "iat"
};

struct StoredRefreshToken : StoredToken {
    std::int64_t id = 0;
    std::optional<std::int64_t> used_at;
};

// Where newly issued tokens are written: a repository (statements prepared
// per call) or a connection's prepared refresh-grant statements.
class TokenInserter {
public:
    TokenInserter() = default;
    virtual ~TokenInserter() = default;
    TokenInserter(const TokenInserter &) = delete;
    TokenInserter &operator=(const TokenInserter &) = delete;
    virtual void insert_access(const std::string &hash, const StoredToken &token) = 0;
    virtual void insert_refresh(const std::string &hash, const StoredToken &token) = 0;
};

class TokenRepository final : public TokenInserter {
public:
    explicit TokenRepository(Database &db) : db_(db) {}

    void insert_access(const std::string &hash, const StoredToken &token) override;
    void insert_refresh(const std::string &hash, const StoredToken &token) override;
    std::optional<StoredRefreshToken> find_refresh(const std::string &hash);
    // Single use: true only for the one caller that flips it (or deletes it).
    bool mark_refresh_used(std::int64_t id, std::int64_t now);
    bool delete_refresh(std::int64_t id);
    // Deletes every access and refresh token of a family; returns how many.
    std::int64_t revoke_family(const std::string &family_id);
    // Deletes up to `batch` tokens of `table` that expired before `now`;
    // returns how many. Small batches keep each write transaction short.
    std::int64_t delete_expired(const char *table, std::int64_t now, int batch);
    // Every access and refresh token; returns how many.
    std::int64_t delete_all();

private:
    void insert(const char *table, const std::string &hash, const StoredToken &token);
    Database &db_;
};

}  // namespace pim
