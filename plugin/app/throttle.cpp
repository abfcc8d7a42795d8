#include "app/throttle.hpp"

#include "domain/user.hpp"

#include <sodium.h>

#include <ctime>

namespace pim {
namespace {

std::int64_t now() {
    return static_cast<std::int64_t>(std::time(nullptr));
}

}  // namespace

std::string Throttle::subject(Counter counter, const std::string &key) {
    switch (counter) {
        case Counter::username: return "user:" + login_key(key);
        case Counter::client_passwords: return "client:" + key;
        case Counter::client_secrets: return "client-auth:" + key;
    }
    return key;
}

std::optional<std::int64_t> Throttle::retry_after(Counter counter, const std::string &key) {
    if (!enabled()) return std::nullopt;
    const std::int64_t until = with_connection(pool_(), [&](ConnectionPool::Lease &lease) {
        return ThrottleRepository(lease.db()).blocked_until(subject(counter, key));
    });
    const std::int64_t left = until - now();
    if (left <= 0) return std::nullopt;
    return left;
}

void Throttle::failed(Counter counter, const std::string &key) {
    if (!enabled()) return;
    with_connection(pool_(), [&](ConnectionPool::Lease &lease) {
        WriteTransaction transaction(lease.db());
        ThrottleRepository(lease.db()).record_failure(subject(counter, key), now(), limits_);
        transaction.commit();
    });
}

void Throttle::succeeded(Counter counter, const std::string &key) {
    if (!enabled()) return;
    with_connection(pool_(), [&](ConnectionPool::Lease &lease) {
        ThrottleRepository(lease.db()).clear(subject(counter, key));
    });
}

}  // namespace pim
