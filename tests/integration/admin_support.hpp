// Helpers of the admin_hooks and user_role_commands suites: admin hook calls
// through the built pim-host, JSON comparisons, and direct reads of the
// sandbox's database (what is stored, not what the plugin says).
#pragma once

#include "support/sandbox.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <sodium.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <map>
#include <memory>
#include <regex>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace pim::test {

// ---------------------------------------------------------------- JSON ----

// Parsed, then serialized again: escapes are normalised (the spec compares
// parsed JSON) while the key order, which the spec also fixes, is kept.
inline std::string canonical_json(const std::string &text) {
    boost::system::error_code ec;
    const auto value = boost::json::parse(text, ec);
    if (ec) return "<not JSON> " + text;
    return boost::json::serialize(value);
}

inline std::string canonical_json(const boost::json::value &value) {
    return boost::json::serialize(value);
}

using Violations = std::vector<std::pair<std::string, std::string>>;  // path, message

// The error document of admin-hooks.md §1.
inline std::string error_body(int status, const std::string &message, const Violations &violations = {}) {
    boost::json::array list;
    for (const auto &[path, text] : violations)
        list.push_back(boost::json::object{{"path", path}, {"message", text}});
    return boost::json::serialize(boost::json::object{
        {"error", boost::json::object{{"status", status}, {"message", message}, {"violations", list}}}});
}

inline std::string validation_failed(int status, const Violations &violations) {
    return error_body(status, "Validation failed.", violations);
}

// ---------------------------------------------------------- admin hooks ----

struct HookResult {
    int exit_code = -1;
    std::string out;
    std::string err;
    boost::json::value body;  // null when nothing (or no JSON) was printed
};

// `pim-host hook <name> '<request>'`
inline HookResult call_hook(const Sandbox &sandbox, const std::string &name, const std::string &request,
                            ProcessOptions options = {}) {
    const auto result = sandbox.run({"hook", name, request}, std::move(options));
    HookResult hook{result.exit_code, result.out, result.err, nullptr};
    boost::system::error_code ec;
    if (!result.out.empty()) {
        auto value = boost::json::parse(result.out, ec);
        if (!ec) hook.body = std::move(value);
    }
    return hook;
}

// A hook whose answer is fully known: exit code (0 for 2xx, 1 otherwise),
// stdout = the body and a newline, nothing on stderr.
inline HookResult expect_hook(const Sandbox &sandbox, const std::string &name, const std::string &request,
                              int exit_code, const std::string &expected_body) {
    auto hook = call_hook(sandbox, name, request);
    BOOST_TEST_CONTEXT(name << " " << request) {
        BOOST_TEST(hook.exit_code == exit_code);
        BOOST_TEST(hook.err == "");
        BOOST_TEST_REQUIRE(!hook.out.empty());
        BOOST_TEST(hook.out.back() == '\n');
        BOOST_TEST(canonical_json(hook.out) == canonical_json(expected_body));
    }
    return hook;
}

// A 204 answer: exit 0 and nothing printed at all.
inline void expect_no_content(const Sandbox &sandbox, const std::string &name, const std::string &request) {
    const auto hook = call_hook(sandbox, name, request);
    BOOST_TEST_CONTEXT(name << " " << request) {
        BOOST_TEST(hook.exit_code == 0);
        BOOST_TEST(hook.out == "");
        BOOST_TEST(hook.err == "");
    }
}

// The body of a successful hook (exit 0), for listings.
inline boost::json::value hook_body(const Sandbox &sandbox, const std::string &name,
                                    const std::string &request = "{}") {
    const auto hook = call_hook(sandbox, name, request);
    BOOST_TEST_REQUIRE(hook.exit_code == 0, name << ": " << hook.out << hook.err);
    return hook.body;
}

inline std::string quoted(const std::string &text) {
    return boost::json::serialize(boost::json::value(text));
}

// The user object of admin-hooks.md §3.6.
inline std::string user_object(const std::string &username, const std::string &email,
                               const std::string &first_name, const std::string &last_name,
                               const std::vector<std::string> &roles, const std::string &ui_locale = "en_US",
                               bool enabled = true, const std::string &type = "user") {
    boost::json::array role_list;
    for (const auto &role : roles) role_list.emplace_back(role);
    return boost::json::serialize(boost::json::object{{"username", username},
                                                      {"email", email},
                                                      {"first_name", first_name},
                                                      {"last_name", last_name},
                                                      {"ui_locale", ui_locale},
                                                      {"enabled", enabled},
                                                      {"type", type},
                                                      {"roles", role_list}});
}

// The role object of admin-hooks.md §3.2.
inline std::string role_object(const std::string &code, const std::string &label,
                               const std::vector<std::string> &permissions,
                               const std::vector<std::string> &users) {
    boost::json::array permission_list;
    for (const auto &permission : permissions) permission_list.emplace_back(permission);
    boost::json::array user_list;
    for (const auto &user : users) user_list.emplace_back(user);
    return boost::json::serialize(boost::json::object{
        {"code", code}, {"label", label}, {"permissions", permission_list}, {"users", user_list}});
}

// permissions.md §2: id, label, group of the 19 Web API permissions, in order.
inline const std::vector<std::array<std::string, 3>> &permission_catalogue() {
    static const std::vector<std::array<std::string, 3>> catalogue = {
        {"pim_api_overall_access", "Web API permissions", "Overall Web API access"},
        {"pim_api_attribute_list", "List attributes", "Attributes"},
        {"pim_api_attribute_edit", "Create and update attributes", "Attributes"},
        {"pim_api_attribute_option_list", "List attribute options", "Attribute options"},
        {"pim_api_attribute_option_edit", "Create and update attribute options", "Attribute options"},
        {"pim_api_attribute_group_list", "List attribute groups", "Attribute groups"},
        {"pim_api_attribute_group_edit", "Create and update attribute groups", "Attribute groups"},
        {"pim_api_category_list", "List categories", "Categories"},
        {"pim_api_category_edit", "Create and update categories", "Categories"},
        {"pim_api_channel_list", "List channels", "Channels"},
        {"pim_api_channel_edit", "Create and update channels", "Channels"},
        {"pim_api_locale_list", "List locales", "Locales"},
        {"pim_api_family_list", "List families", "Families"},
        {"pim_api_family_edit", "Create and update families", "Families"},
        {"pim_api_family_variant_list", "List family variants", "Family variants"},
        {"pim_api_family_variant_edit", "Create and update family variants", "Family variants"},
        {"pim_api_currency_list", "List currencies", "Currencies"},
        {"pim_api_association_type_list", "List association types", "Association types"},
        {"pim_api_association_type_edit", "Create and update association types", "Association types"},
    };
    return catalogue;
}

inline const std::vector<std::string> &all_permission_ids() {
    static const std::vector<std::string> ids = [] {
        std::vector<std::string> out;
        for (const auto &permission : permission_catalogue()) out.push_back(permission[0]);
        return out;
    }();
    return ids;
}

inline const std::regex &public_id_pattern() {
    static const std::regex pattern("^[1-9][0-9]*_[0-9a-z]{50}$");
    return pattern;
}

inline const std::regex &secret_pattern() {
    static const std::regex pattern("^[0-9a-z]{50}$");
    return pattern;
}

// --------------------------------------------------------- the database ----

// The sandbox's database, opened beside the plugin (SQLite: WAL allows it),
// whatever the backend (Sandbox::open_database). Parameters: `?` or `?N`.
class DatabaseFile {
public:
    explicit DatabaseFile(const Sandbox &sandbox) : db_(sandbox.open_database()) {}

    // Every row as the text of its columns ("NULL" for SQL NULL).
    std::vector<std::vector<std::string>> rows(const std::string &sql,
                                               const std::vector<std::string> &parameters = {}) {
        return db_->rows(sql, parameters);
    }

    std::string value(const std::string &sql, const std::vector<std::string> &parameters = {}) {
        return db_->value(sql, parameters);
    }

    long long count(const std::string &table) { return std::stoll(value("SELECT COUNT(*) FROM " + table)); }

    void execute(const std::string &sql, const std::vector<std::string> &parameters = {}) {
        db_->execute(sql, parameters);
    }

private:
    std::unique_ptr<SqlConnection> db_;
};

// Creates the sandbox's database (schema and fixture roles) up front.
inline void migrate(const Sandbox &sandbox) {
    const auto result = sandbox.run({"pim:db:migrate"});
    BOOST_TEST_REQUIRE(result.exit_code == 0, result.err);
}

// Every table that issue 4 writes, dumped in full: comparing two dumps shows
// that a refused request wrote nothing at all.
inline std::string database_dump(const Sandbox &sandbox) {
    DatabaseFile db(sandbox);
    std::string dump;
    for (const char *table :
         {"pim_user", "pim_user_login", "pim_role", "pim_role_permission", "pim_user_role", "pim_api_client",
          "pim_api_connection", "pim_api_access_token", "pim_api_refresh_token"}) {
        dump += std::string("[") + table + "]\n";
        auto rows = db.rows(std::string("SELECT * FROM ") + table);
        std::sort(rows.begin(), rows.end());  // the same rows, the same dump, on every backend
        for (const auto &row : rows) {
            for (const auto &cell : row) dump += cell + "|";
            dump += "\n";
        }
    }
    return dump;
}

// The stored Argon2id string of a user.
inline std::string password_hash_of(const Sandbox &sandbox, const std::string &username) {
    DatabaseFile db(sandbox);
    return db.value("SELECT password_hash FROM pim_user WHERE username = ?", {username});
}

inline bool password_verifies(const std::string &hash, const std::string &password) {
    if (sodium_init() < 0) throw std::runtime_error("sodium_init failed");
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

// Occurrences of `needle` in every file of the database directory (the
// database, and its -wal / -shm files while they exist); on a server backend,
// in the text of every row (count_in_database).
inline std::size_t count_in_database_files(const Sandbox &sandbox, const std::string &needle) {
    if (sandbox.backend() != TestBackend::sqlite) return count_in_database(sandbox, needle);
    std::size_t count = 0;
    for (const auto &entry : std::filesystem::directory_iterator(sandbox.database_file().parent_path()))
        if (entry.is_regular_file()) count += count_in_file(entry.path(), needle);
    return count;
}

// An access and a refresh token row for a user and a client, as the token
// endpoint (issue 5) would store them: only a keyed hash.
inline void insert_tokens(const Sandbox &sandbox, const std::string &username, long long client_db_id,
                          const std::string &tag) {
    DatabaseFile db(sandbox);
    const std::string user_id = db.value("SELECT id FROM pim_user WHERE username = ?", {username});
    const std::string client = std::to_string(client_db_id);
    const std::string hash_a = std::string(64 - std::min<std::size_t>(tag.size(), 63), 'a') + tag;
    const std::string hash_r = std::string(64 - std::min<std::size_t>(tag.size(), 63), 'b') + tag;
    db.execute(
        "INSERT INTO pim_api_access_token (token_hash, client_id, user_id, family_id, expires_at) "
        "VALUES (?, ?, ?, ?, 4102444800)",
        {hash_a, client, user_id, std::string(32, 'f')});
    db.execute(
        "INSERT INTO pim_api_refresh_token (token_hash, client_id, user_id, family_id, expires_at) "
        "VALUES (?, ?, ?, ?, 4102444800)",
        {hash_r, client, user_id, std::string(32, 'f')});
}

// Token rows (access + refresh) held by a user, or by a client's database id.
inline long long tokens_of_user(const Sandbox &sandbox, const std::string &username) {
    DatabaseFile db(sandbox);
    return std::stoll(
        db.value("SELECT (SELECT COUNT(*) FROM pim_api_access_token t JOIN pim_user u ON "
                 "u.id = t.user_id WHERE u.username = ?1) + (SELECT COUNT(*) FROM "
                 "pim_api_refresh_token t JOIN pim_user u ON u.id = t.user_id WHERE u.username = ?1)",
                 {username}));
}

inline long long tokens_of_client(const Sandbox &sandbox, long long client_db_id) {
    DatabaseFile db(sandbox);
    const std::string id = std::to_string(client_db_id);
    return std::stoll(
        db.value("SELECT (SELECT COUNT(*) FROM pim_api_access_token WHERE client_id = ?1) + "
                 "(SELECT COUNT(*) FROM pim_api_refresh_token WHERE client_id = ?1)",
                 {id}));
}

// ---------------------------------------------------------------- tables ----

// The table layout of console-commands.md §2.2 (ASCII cells).
inline std::string console_table(const std::vector<std::string> &headers,
                                 const std::vector<std::vector<std::string>> &rows) {
    std::vector<std::size_t> widths;
    for (const auto &header : headers) widths.push_back(header.size());
    for (const auto &row : rows)
        for (std::size_t c = 0; c < widths.size(); ++c) widths[c] = std::max(widths[c], row.at(c).size());
    std::string border = "+";
    for (const auto width : widths) border += std::string(width + 2, '-') + "+";
    border += "\n";
    const auto line = [&](const std::vector<std::string> &cells) {
        std::string text = "|";
        for (std::size_t c = 0; c < widths.size(); ++c)
            text += " " + cells.at(c) + std::string(widths[c] - cells.at(c).size(), ' ') + " |";
        return text + "\n";
    };
    std::string out = border + line(headers) + border;
    for (const auto &row : rows) out += line(row);
    return out + border;
}

}  // namespace pim::test
