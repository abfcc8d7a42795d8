#include "app/grants/client_credentials_grant.hpp"

#include "storage/connection_repository.hpp"
#include "storage/token_repository.hpp"
#include "storage/user_repository.hpp"

namespace pim {

OAuthResult<ValidatedClientCredentialsGrant> ClientCredentialsGrant::validate(
    const TokenParameters &parameters, const Client &client) {
    if (has_scope(parameters)) return refusal::invalid_scope();
    const auto user =
        with_connection(context_.pool(), [&](ConnectionPool::Lease &lease) -> std::optional<User> {
            const auto connection = ConnectionRepository(lease.db()).find_by_client(client.id);
            if (!connection || !connection->user_id) return std::nullopt;
            return UserRepository(lease.db()).find_by_id(*connection->user_id);
        });
    if (!user) return ValidatedClientCredentialsGrant{client.id, std::nullopt, {}};
    if (!user->enabled) return refusal::connection_user_disabled();
    return ValidatedClientCredentialsGrant{client.id, user->id, user->username};
}

IssuedTokens ClientCredentialsGrant::issue(const ValidatedClientCredentialsGrant &grant) {
    return with_connection(context_.pool(), [&](ConnectionPool::Lease &lease) {
        WriteTransaction transaction(lease.db());
        TokenRepository repository(lease.db());
        IssuedTokens tokens = issue_tokens(repository, context_.settings, grant.client_id, grant.user_id,
                                           new_token_family_id(), false);
        transaction.commit();
        tokens.username = grant.username;
        return tokens;
    });
}

}  // namespace pim
