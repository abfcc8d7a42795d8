#include "app/grants/client_credentials_grant.hpp"

namespace pim {

OAuthResult<ValidatedClientCredentialsGrant> ClientCredentialsGrant::validate(
    const TokenParameters &parameters, const Client &client) {
    if (has_scope(parameters)) return refusal::invalid_scope();
    return ValidatedClientCredentialsGrant{client.id};
}

IssuedTokens ClientCredentialsGrant::issue(const ValidatedClientCredentialsGrant &grant) {
    return with_connection(context_.pool(), [&](ConnectionPool::Lease &lease) {
        WriteTransaction transaction(lease.db());
        IssuedTokens tokens = issue_tokens(lease.db(), context_.settings, grant.client_id, std::nullopt,
                                           new_token_family_id(), false);
        transaction.commit();
        return tokens;
    });
}

}  // namespace pim
