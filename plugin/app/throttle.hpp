// Throttling of failed token requests (token-endpoint.md §7; the policy is
// in docs/operations.md). Three counters, kept in the database so that every
// host process sees them:
//   user:{login}       wrong passwords for a username (brute force)
//   client:{id}        wrong passwords through a client (password spraying;
//                      only holders of the client's secret reach that step)
//   client-auth:{id}   wrong secrets for a client id; its block refuses only
//                      failing authentications, so a public client id alone
//                      cannot lock a connector out
#pragma once

#include "storage/connection_pool.hpp"
#include "storage/throttle_repository.hpp"

#include <functional>
#include <optional>
#include <string>

namespace pim {

class Throttle {
public:
    using PoolProvider = std::function<ConnectionPool &()>;
    enum class Counter { username, client_passwords, client_secrets };

    Throttle(PoolProvider pool, ThrottleLimits limits) : pool_(std::move(pool)), limits_(limits) {}

    // Seconds until the subject may try again; nullopt when it is free.
    std::optional<std::int64_t> retry_after(Counter counter, const std::string &key);
    void failed(Counter counter, const std::string &key);
    void succeeded(Counter counter, const std::string &key);

    // The row key: a hash of the counter's name and the key.
    static std::string subject(Counter counter, const std::string &key);

private:
    [[nodiscard]] bool enabled() const { return limits_.max_failures > 0; }

    PoolProvider pool_;
    ThrottleLimits limits_;
};

}  // namespace pim
