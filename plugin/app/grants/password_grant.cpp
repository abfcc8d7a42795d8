#include "app/grants/password_grant.hpp"

#include "app/monitoring.hpp"
#include "domain/password_hasher.hpp"
#include "domain/text.hpp"
#include "storage/connection_repository.hpp"
#include "storage/token_repository.hpp"
#include "storage/user_repository.hpp"

namespace pim {

OAuthResult<ValidatedPasswordGrant> PasswordGrant::validate(const TokenParameters &parameters,
                                                            const Client &client) {
    if (!parameters.username || parameters.username->empty() || !parameters.password ||
        parameters.password->empty())
        return refusal::invalid_request(refusal::missing_grant_or_credentials);
    const std::string &username = *parameters.username;
    const auto [account, connection] = with_connection(context_.pool(), [&](ConnectionPool::Lease &lease) {
        return std::pair(UserRepository(lease.db()).find_credentials(username),
                         ConnectionRepository(lease.db()).find_by_client(client.id));
    });
    // 0: the client belongs to no connection (or its user was deleted).
    const std::int64_t connection_user = connection ? connection->user_id.value_or(0) : 0;
    Throttle &throttle = context_.throttle;
    const std::string user_key =
        Throttle::account_key(account ? std::optional(account->id) : std::nullopt, username);
    const std::string client_key = std::to_string(client.id);
    // §7.1: blocked accounts and clients are refused before any password is verified.
    if (const auto wait = throttle.retry_after(Throttle::Counter::user, user_key))
        return refusal::throttled(*wait);
    if (const auto wait = throttle.retry_after(Throttle::Counter::client_passwords, client_key))
        return refusal::throttled(*wait);

    // Argon2id runs without holding a connection.
    const PasswordHasher hasher(context_.settings.password.argon2id_opslimit,
                                context_.settings.password.argon2id_memlimit_kib);
    const bool verified = hasher.verify_login(account ? std::optional(account->password_hash) : std::nullopt,
                                              *parameters.password);
    if (!verified && account && account->id == connection_user)
        context_.monitoring.event(client.id, SecurityEventType::wrong_password, context_.remote_address,
                                  "user " + log_field(account->username));
    if (!verified || !account->enabled) {
        throttle.failed(Throttle::Counter::user, user_key);
        throttle.failed(Throttle::Counter::client_passwords, client_key);
        return refusal::no_user_found();
    }
    if (has_scope(parameters)) return refusal::invalid_scope();  // step 5: not a failure of the password
    throttle.succeeded(Throttle::Counter::user, user_key);
    // Akeneo 4's warning: a connection's client id used with another user's credentials.
    if (connection_user != 0 && account->id != connection_user)
        context_.monitoring.event(client.id, SecurityEventType::wrong_credentials_combination,
                                  context_.remote_address, "user " + log_field(account->username));

    ValidatedPasswordGrant grant{client.id, account->id, account->username, std::nullopt};
    if (hasher.needs_rehash(account->password_hash))
        grant.rehashed_password = hasher.hash(*parameters.password);
    return grant;
}

IssuedTokens PasswordGrant::issue(const ValidatedPasswordGrant &grant) {
    return with_connection(context_.pool(), [&](ConnectionPool::Lease &lease) {
        WriteTransaction transaction(lease.db());
        if (grant.rehashed_password)
            UserRepository(lease.db()).rehash_password(grant.user_id, *grant.rehashed_password);
        TokenRepository repository(lease.db());
        IssuedTokens tokens = issue_tokens(repository, context_.settings, grant.client_id, grant.user_id,
                                           new_token_family_id(), true);
        transaction.commit();
        tokens.username = grant.username;
        return tokens;
    });
}

}  // namespace pim
