#include "storage/user_repository.hpp"

#include "domain/text.hpp"

#include <algorithm>
#include <ctime>
#include <map>

namespace pim {
namespace {

constexpr const char *select_user =
    "SELECT id, username, email, first_name, last_name, ui_locale, enabled, user_type, last_used_at FROM "
    "pim_user ";

struct UserRow {
    long long id = 0;
    std::string username, email, first_name, last_name, ui_locale, type;
    int enabled = 1;
    long long last_used_at = 0;
    soci::indicator last_used_indicator = soci::i_null;

    [[nodiscard]] User to_user() const {
        User user;
        user.id = id;
        user.username = username;
        user.email = email;
        user.first_name = first_name;
        user.last_name = last_name;
        user.ui_locale = ui_locale;
        user.enabled = enabled != 0;
        user.type = type;
        if (last_used_indicator == soci::i_ok) user.last_used_at = last_used_at;
        return user;
    }
};

// The columns of select_user, into `row`.
#define PIM_USER_INTO(row)                                                                                   \
    soci::into((row).id), soci::into((row).username), soci::into((row).email), soci::into((row).first_name), \
        soci::into((row).last_name), soci::into((row).ui_locale), soci::into((row).enabled),                 \
        soci::into((row).type), soci::into((row).last_used_at, (row).last_used_indicator)

}  // namespace

std::optional<User> UserRepository::find_by_id(std::int64_t id) {
    UserRow row;
    const long long wanted = id;
    db_.sql() << std::string(select_user) + "WHERE id = :id", soci::use(wanted), PIM_USER_INTO(row);
    if (!db_.sql().got_data()) return std::nullopt;
    User user = row.to_user();
    user.roles = role_codes(id);
    return user;
}

std::optional<User> UserRepository::find_by_username(std::string_view username) {
    const std::string key = login_key(username);
    const auto owner = login_owner(key);
    if (!owner) return std::nullopt;
    auto user = find_by_id(*owner);
    // The key may be the user's e-mail: that is not a username match.
    if (!user || login_key(user->username) != key) return std::nullopt;
    return user;
}

std::optional<std::int64_t> UserRepository::login_owner(const std::string &key) {
    if (!utf8_length(key)) return std::nullopt;  // matches nothing stored; PostgreSQL would refuse it
    long long id = 0;
    db_.sql() << "SELECT user_id FROM pim_user_login WHERE login_key = :k", soci::use(key), soci::into(id);
    if (!db_.sql().got_data()) return std::nullopt;
    return id;
}

std::vector<User> UserRepository::list() {
    std::map<long long, std::vector<std::string>> roles;
    {
        long long user_id = 0;
        std::string code;
        soci::statement st = (db_.sql().prepare << "SELECT ur.user_id, r.code FROM pim_user_role ur "
                                                   "JOIN pim_role r ON r.id = ur.role_id",
                              soci::into(user_id), soci::into(code));
        st.execute();
        while (st.fetch()) roles[user_id].push_back(code);
        for (auto &[id, codes] : roles) std::sort(codes.begin(), codes.end());
    }
    std::vector<User> users;
    UserRow row;
    soci::statement statement = (db_.sql().prepare << select_user, PIM_USER_INTO(row));
    statement.execute();
    while (statement.fetch()) {
        users.push_back(row.to_user());
        users.back().roles = roles[row.id];
    }
    std::stable_sort(users.begin(), users.end(), [](const User &a, const User &b) {
        return login_key(a.username) < login_key(b.username);
    });
    return users;
}

std::int64_t UserRepository::insert(const User &user, const std::string &password_hash) {
    const auto now = static_cast<long long>(std::time(nullptr));
    const int enabled = user.enabled ? 1 : 0;
    long long id = 0;
    db_.sql()
        << "INSERT INTO pim_user (username, email, first_name, last_name, ui_locale, enabled, user_type, "
           "password_hash, created_at) VALUES (:u, :e, :f, :l, :loc, :en, :t, :h, :c) RETURNING id",
        soci::use(user.username), soci::use(user.email), soci::use(user.first_name),
        soci::use(user.last_name), soci::use(user.ui_locale), soci::use(enabled), soci::use(user.type),
        soci::use(password_hash), soci::use(now), soci::into(id);
    replace_login_keys(id, user);
    return id;
}

void UserRepository::replace_login_keys(std::int64_t id, const User &user) {
    const long long user_id = id;
    db_.sql() << "DELETE FROM pim_user_login WHERE user_id = :id", soci::use(user_id);
    std::vector<std::string> keys{login_key(user.username), login_key(user.email)};
    if (keys[0] == keys[1]) keys.pop_back();  // a username may equal its own e-mail
    for (const auto &key : keys)
        db_.sql() << "INSERT INTO pim_user_login (login_key, user_id) VALUES (:k, :id)", soci::use(key),
            soci::use(user_id);
}

void UserRepository::update_profile(const User &user) {
    const long long id = user.id;
    const int enabled = user.enabled ? 1 : 0;
    db_.sql()
        << "UPDATE pim_user SET email = :e, first_name = :f, last_name = :l, ui_locale = :loc, enabled = :en "
           "WHERE id = :id",
        soci::use(user.email), soci::use(user.first_name), soci::use(user.last_name),
        soci::use(user.ui_locale), soci::use(enabled), soci::use(id);
    replace_login_keys(user.id, user);
}

void UserRepository::delete_tokens(std::int64_t id) {
    const long long user_id = id;
    db_.sql() << "DELETE FROM pim_api_access_token WHERE user_id = :id", soci::use(user_id);
    db_.sql() << "DELETE FROM pim_api_refresh_token WHERE user_id = :id", soci::use(user_id);
}

void UserRepository::set_password(std::int64_t id, const std::string &password_hash) {
    const long long user_id = id;
    db_.sql() << "UPDATE pim_user SET password_hash = :h WHERE id = :id", soci::use(password_hash),
        soci::use(user_id);
    delete_tokens(id);
}

void UserRepository::rehash_password(std::int64_t id, const std::string &password_hash) {
    const long long user_id = id;
    db_.sql() << "UPDATE pim_user SET password_hash = :h WHERE id = :id", soci::use(password_hash),
        soci::use(user_id);
}

void UserRepository::set_roles(std::int64_t id, const std::vector<std::int64_t> &role_ids) {
    const long long user_id = id;
    db_.sql() << "DELETE FROM pim_user_role WHERE user_id = :id", soci::use(user_id);
    for (const auto role_id : role_ids) add_role(id, role_id);
}

void UserRepository::add_role(std::int64_t id, std::int64_t role_id) {
    const long long user_id = id;
    const long long role = role_id;
    db_.sql() << "INSERT INTO pim_user_role (user_id, role_id) VALUES (:u, :r)", soci::use(user_id),
        soci::use(role);
}

void UserRepository::remove(std::int64_t id) {
    const long long user_id = id;
    delete_tokens(id);
    db_.sql() << "UPDATE pim_api_connection SET user_id = NULL WHERE user_id = :id", soci::use(user_id);
    db_.sql() << "DELETE FROM pim_user_role WHERE user_id = :id", soci::use(user_id);
    db_.sql() << "DELETE FROM pim_user_login WHERE user_id = :id", soci::use(user_id);
    db_.sql() << "DELETE FROM pim_user WHERE id = :id", soci::use(user_id);
}

std::optional<std::string> UserRepository::password_hash(std::int64_t id) {
    const long long user_id = id;
    std::string hash;
    db_.sql() << "SELECT password_hash FROM pim_user WHERE id = :id", soci::use(user_id), soci::into(hash);
    if (!db_.sql().got_data()) return std::nullopt;
    return hash;
}

std::optional<UserRepository::Credentials> UserRepository::find_credentials(
    std::string_view username_or_email) {
    const std::string key = login_key(username_or_email);
    if (!utf8_length(key)) return std::nullopt;  // matches nothing stored; PostgreSQL would refuse it
    Credentials found;
    long long id = 0;
    int enabled = 0;
    db_.sql() << "SELECT u.id, u.username, u.enabled, u.password_hash FROM pim_user_login l "
                 "JOIN pim_user u ON u.id = l.user_id WHERE l.login_key = :k",
        soci::use(key), soci::into(id), soci::into(found.username), soci::into(enabled),
        soci::into(found.password_hash);
    if (!db_.sql().got_data()) return std::nullopt;
    found.id = id;
    found.enabled = enabled != 0;
    return found;
}

std::vector<std::string> UserRepository::role_codes(std::int64_t id) {
    const long long user_id = id;
    std::vector<std::string> codes;
    std::string code;
    soci::statement st =
        (db_.sql().prepare << "SELECT r.code FROM pim_user_role ur JOIN pim_role r ON r.id = ur.role_id "
                              "WHERE ur.user_id = :id",
         soci::use(user_id), soci::into(code));
    st.execute();
    while (st.fetch()) codes.push_back(code);
    // Byte order, as SQLite sorts: ORDER BY would follow a PostgreSQL database's (linguistic) collation.
    std::sort(codes.begin(), codes.end());
    return codes;
}

}  // namespace pim
#undef PIM_USER_INTO
