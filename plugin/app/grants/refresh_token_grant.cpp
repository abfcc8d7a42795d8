#include "app/grants/refresh_token_grant.hpp"

#include "app/monitoring.hpp"
#include "domain/log_level.hpp"
#include "domain/text.hpp"
#include "storage/refresh_grant_statements.hpp"
#include "storage/token_repository.hpp"

namespace pim {

OAuthResult<ValidatedRefreshGrant> RefreshTokenGrant::validate(const TokenParameters &parameters,
                                                               const Client &client) {
    if (!parameters.refresh_token || parameters.refresh_token->empty())
        return refusal::invalid_request(refusal::missing_refresh_token);
    const std::string hash = context_.settings.keys->hash_token(*parameters.refresh_token);
    const std::optional<RefreshTokenRow> found = with_connection(
        context_.pool(), [&](ConnectionPool::Lease &lease) { return lease.refresh_grant().find(hash); });
    if (!found || found->client_id != client.id) return refusal::invalid_refresh_token();
    const RefreshTokenRow &token = *found;
    if (token.user_id && !token.user_enabled) return refusal::invalid_refresh_token();  // gone or disabled
    ValidatedRefreshGrant grant{client.id, token.id, token.user_id, token.family_id, token.username};
    if (token.used_at) {
        if (context_.settings.oauth.refresh_token_reuse_detection) revoke_family(grant, client);
        return refusal::invalid_refresh_token();
    }
    if (context_.settings.clock->now() > token.expires_at) return refusal::invalid_refresh_token();
    if (has_scope(parameters)) return refusal::invalid_scope();
    return grant;
}

OAuthResult<IssuedTokens> RefreshTokenGrant::issue(const ValidatedRefreshGrant &grant) {
    return with_connection(context_.pool(), [&](ConnectionPool::Lease &lease) -> OAuthResult<IssuedTokens> {
        Database &db = lease.db();
        RefreshGrantStatements &statements = lease.refresh_grant();
        WriteTransaction transaction(db);
        // Single use, atomically: a conditional UPDATE (or DELETE) flips the row once.
        const bool won = context_.settings.oauth.refresh_token_reuse_detection
                             ? statements.mark_used(grant.refresh_token_id, context_.settings.clock->now())
                             : TokenRepository(db).delete_refresh(grant.refresh_token_id);
        if (!won) return refusal::invalid_refresh_token();
        IssuedTokens issued = issue_tokens(statements, context_.settings, grant.client_id, grant.user_id,
                                           grant.family_id, true);
        transaction.commit();
        issued.username = grant.username;
        return issued;
    });
}

void RefreshTokenGrant::revoke_family(const ValidatedRefreshGrant &reused, const Client &client) {
    const std::int64_t revoked = with_connection(context_.pool(), [&](ConnectionPool::Lease &lease) {
        WriteTransaction transaction(lease.db());
        const std::int64_t count = TokenRepository(lease.db()).revoke_family(reused.family_id);
        transaction.commit();
        return count;
    });
    context_.monitoring.event(client.id, SecurityEventType::refresh_token_reuse, context_.remote_address,
                              "token family revoked (" + std::to_string(revoked) + " tokens)");
    context_.log(static_cast<int>(LogLevel::warning),
                 "refresh token reused: revoked its token family (" + std::to_string(revoked) +
                     " tokens), client " + client.public_id() +
                     (reused.username.empty() ? std::string() : ", username " + log_field(reused.username)));
}

}  // namespace pim
