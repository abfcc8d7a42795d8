#include "app/token_service.hpp"

#include "domain/password_hasher.hpp"
#include "domain/random.hpp"
#include "pim/plugin_abi.h"
#include "storage/client_repository.hpp"
#include "storage/token_repository.hpp"
#include "storage/user_repository.hpp"

#include <sodium.h>

#include <ctime>

namespace pim {
namespace {

const char *const no_user_message = "No user found for the given username and password";
const char *const invalid_refresh_message = "Refresh token is invalid or has expired";

std::int64_t now() {
    return static_cast<std::int64_t>(std::time(nullptr));
}

std::string new_family_id() {
    unsigned char bytes[16];
    randombytes_buf(bytes, sizeof bytes);
    char hex[33];
    sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
    return hex;
}

bool same_secret(const std::string &expected, const std::string &given) {
    return expected.size() == given.size() && sodium_memcmp(expected.data(), given.data(), given.size()) == 0;
}

PasswordHasher hasher(const Settings &settings) {
    return PasswordHasher(settings.password.argon2id_opslimit, settings.password.argon2id_memlimit_kib);
}

}  // namespace

TokenService::ClientAuthentication TokenService::authenticate_client(const std::string &public_id,
                                                                     const std::string &secret) {
    const auto id = parse_public_client_id(public_id);
    if (!id) return {};
    auto client = with_connection(pool_(), [&](ConnectionPool::Lease &lease) {
        return ClientRepository(lease.db(), *settings_.keys).find(*id);
    });
    if (!client) return {};
    if (!same_secret(client->secret, secret)) return {std::nullopt, client->id};
    return {std::move(client), std::nullopt};
}

IssuedTokens TokenService::password_grant(const Client &client, const std::string &username,
                                          const std::string &password) {
    const auto user = with_connection(pool_(), [&](ConnectionPool::Lease &lease) {
        return UserRepository(lease.db()).find_credentials(username);
    });
    // Argon2id runs without holding a connection; an unknown user costs the same.
    const PasswordHasher passwords = hasher(settings_);
    if (!user) {
        passwords.verify_dummy(password);
        throw OAuthError("invalid_grant", no_user_message);
    }
    if (!passwords.verify(user->password_hash, password) || !user->enabled)
        throw OAuthError("invalid_grant", no_user_message);
    std::optional<std::string> rehashed;
    if (passwords.needs_rehash(user->password_hash)) rehashed = passwords.hash(password);
    return with_connection(pool_(), [&](ConnectionPool::Lease &lease) {
        WriteTransaction transaction(lease.db());
        if (rehashed) {
            const long long id = user->id;
            lease.db().sql() << "UPDATE pim_user SET password_hash = :h WHERE id = :id", soci::use(*rehashed),
                soci::use(id);
        }
        IssuedTokens tokens = issue(lease.db(), client, user->id, new_family_id(), true);
        transaction.commit();
        tokens.username = user->username;
        return tokens;
    });
}

IssuedTokens TokenService::refresh_grant(const Client &client, const std::string &refresh_token,
                                         const std::function<void()> &before_issue) {
    const std::string hash = settings_.keys->hash_token(refresh_token);
    return with_connection(pool_(), [&](ConnectionPool::Lease &lease) {
        Database &db = lease.db();
        TokenRepository tokens(db);
        WriteTransaction transaction(db);
        const auto stored = tokens.find_refresh(hash);
        if (!stored || stored->client_id != client.id)
            throw OAuthError("invalid_grant", invalid_refresh_message);
        std::optional<UserRepository::Credentials> user;
        if (stored->user_id) {
            const auto profile = UserRepository(db).find_by_id(*stored->user_id);
            if (!profile || !profile->enabled) throw OAuthError("invalid_grant", invalid_refresh_message);
            user = UserRepository::Credentials{profile->id, profile->username, profile->enabled, {}};
        }
        if (stored->used_at) {
            if (settings_.oauth.refresh_token_reuse_detection) {
                const auto revoked = tokens.revoke_family(stored->family_id);
                transaction.commit();
                log_(PIM_LOG_WARNING, "refresh token reused: revoked its token family (" +
                                          std::to_string(revoked) + " tokens), client " + client.public_id() +
                                          (user ? ", username " + user->username : std::string()));
            }
            throw OAuthError("invalid_grant", invalid_refresh_message);
        }
        if (now() > stored->expires_at) throw OAuthError("invalid_grant", invalid_refresh_message);
        before_issue();
        // Single use, atomically: of concurrent uses exactly one flips the row.
        const bool won = settings_.oauth.refresh_token_reuse_detection
                             ? tokens.mark_refresh_used(stored->id, now())
                             : tokens.delete_refresh(stored->id);
        if (!won) throw OAuthError("invalid_grant", invalid_refresh_message);
        IssuedTokens issued = issue(db, client, stored->user_id, stored->family_id, true);
        transaction.commit();
        if (user) issued.username = user->username;
        return issued;
    });
}

IssuedTokens TokenService::client_credentials_grant(const Client &client) {
    return with_connection(pool_(), [&](ConnectionPool::Lease &lease) {
        WriteTransaction transaction(lease.db());
        IssuedTokens tokens = issue(lease.db(), client, std::nullopt, new_family_id(), false);
        transaction.commit();
        return tokens;
    });
}

IssuedTokens TokenService::issue(Database &db, const Client &client, std::optional<std::int64_t> user_id,
                                 const std::string &family_id, bool with_refresh) {
    TokenRepository tokens(db);
    const KeyRing &keys = *settings_.keys;
    const std::int64_t issued_at = now();
    IssuedTokens issued;
    issued.expires_in = settings_.oauth.access_token_lifetime;
    issued.access_token = random_token();
    tokens.insert_access(keys.hash_token(issued.access_token),
                         {client.id, user_id, family_id, issued_at + settings_.oauth.access_token_lifetime});
    if (with_refresh) {
        issued.refresh_token = random_token();
        tokens.insert_refresh(
            keys.hash_token(*issued.refresh_token),
            {client.id, user_id, family_id, issued_at + settings_.oauth.refresh_token_lifetime});
    }
    return issued;
}

}  // namespace pim
