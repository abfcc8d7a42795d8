// Throttling of failed token requests (token-endpoint.md §7.1). Three
// counters, kept in the database so that every host process sees them:
//   user             password grants refused at step 4.2 for one account
//                    (username and e-mail share it), through any client
//   client passwords password grants of one authenticated client refused at
//                    step 4.2 (password spraying across usernames)
//   client secret    client authentications refused at step 2, by the
//                    client id as sent
// Rows are keyed by a keyed BLAKE2b hash of the counter and its key: no
// attempted username is stored, and any length or byte fits the column.
#pragma once

#include "config/settings.hpp"
#include "storage/connection_pool.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace pim {

class Throttle {
public:
    using PoolProvider = std::function<ConnectionPool &()>;
    enum class Counter { user, client_passwords, client_secret };

    Throttle(PoolProvider pool, const Settings &settings) : pool_(std::move(pool)), settings_(settings) {}

    // Seconds until the subject may try again (at least 1); nullopt when free.
    std::optional<std::int64_t> retry_after(Counter counter, std::string_view key);
    void failed(Counter counter, std::string_view key);
    void succeeded(Counter counter, std::string_view key);

    // The user counter's key: the account when one matched, else the
    // case-folded name that was tried.
    static std::string account_key(std::optional<std::int64_t> user_id, std::string_view attempted_name);
    // The stored row key: 64 hex digits.
    [[nodiscard]] std::string subject(Counter counter, std::string_view key) const;

private:
    [[nodiscard]] bool enabled() const { return settings_.oauth.throttling.max_failures > 0; }

    PoolProvider pool_;
    const Settings &settings_;
};

}  // namespace pim
