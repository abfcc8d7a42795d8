#include "app/throttle.hpp"

#include "domain/user.hpp"
#include "storage/throttle_repository.hpp"

namespace pim {

std::string Throttle::account_key(std::optional<std::int64_t> user_id, std::string_view attempted_name) {
    if (user_id) return "account:" + std::to_string(*user_id);
    return "name:" + login_key(attempted_name);
}

std::string Throttle::subject(Counter counter, std::string_view key) const {
    std::string text;
    switch (counter) {
        case Counter::user: text = "throttle/user/"; break;
        case Counter::client_passwords: text = "throttle/client-passwords/"; break;
        case Counter::client_secret: text = "throttle/client-secret/"; break;
    }
    text.append(key);
    return settings_.keys->hash_token(text);
}

std::optional<std::int64_t> Throttle::retry_after(Counter counter, std::string_view key) {
    if (!enabled()) return std::nullopt;
    const std::string row = subject(counter, key);
    const std::int64_t until = with_connection(pool_(), [&](ConnectionPool::Lease &lease) {
        return lease.token_endpoint_reads().blocked_until(row);
    });
    const std::int64_t left = until - settings_.clock->now();
    if (left <= 0) return std::nullopt;
    return left;
}

void Throttle::failed(Counter counter, std::string_view key) {
    if (!enabled()) return;
    const std::string row = subject(counter, key);
    with_connection(pool_(), [&](ConnectionPool::Lease &lease) {
        WriteTransaction transaction(lease.db());
        ThrottleRepository(lease.db())
            .record_failure(row, settings_.clock->now(), settings_.oauth.throttling);
        transaction.commit();
    });
}

void Throttle::succeeded(Counter counter, std::string_view key) {
    if (!enabled()) return;
    const std::string row = subject(counter, key);
    with_connection(pool_(),
                    [&](ConnectionPool::Lease &lease) { ThrottleRepository(lease.db()).clear(row); });
}

}  // namespace pim
