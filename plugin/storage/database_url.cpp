#include "storage/database_url.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include <cctype>
#include <stdexcept>

namespace pim {
namespace {

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

DatabaseUrl sqlite_url(std::string_view rest, const std::filesystem::path &project_dir) {
    if (rest.empty())
        throw std::invalid_argument(
            "the SQLite URL names no file; use sqlite3:///abs/path.db or "
            "sqlite3://relative/path.db");
    std::filesystem::path path(rest);
    if (path.is_relative()) path = project_dir / path;
    path = path.lexically_normal();
    DatabaseUrl url;
    url.backend = Backend::sqlite3;
    url.sqlite_path = path;
    url.display = "sqlite3://" + path.string();
    return url;
}

// Values in SOCI connect strings are quoted when they hold spaces or quotes.
std::string soci_value(std::string_view value) {
    std::string out = "'";
    for (const char c : value) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

// libpq takes a password as a parameter too (password=, sslpassword=).
bool names_a_password(std::string_view key) {
    std::string lower(key);
    for (char &c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower.find("password") != std::string::npos || lower == "passwd" || lower == "pass" ||
           lower == "pwd";
}

std::string masked(const boost::urls::url_view &url) {
    boost::urls::url copy(url);
    if (copy.has_password()) copy.set_password("***");
    if (copy.has_query()) {
        std::string query;
        for (const auto &param : url.encoded_params()) {
            if (!query.empty()) query += '&';
            query += std::string(param.key);
            if (!param.has_value) continue;
            query += '=';
            query += names_a_password(param.key.decode()) ? std::string("***") : std::string(param.value);
        }
        copy.set_encoded_query(query);
    }
    return std::string(copy.buffer());
}

DatabaseUrl postgresql_url(std::string_view text) {
    auto parsed = boost::urls::parse_uri(text);
    if (!parsed) throw std::invalid_argument("not a valid URL: " + parsed.error().message());
    DatabaseUrl url;
    url.backend = Backend::postgresql;
    // libpq understands postgresql:// URIs itself, but SOCI 4.0 first splits
    // the string at '=' and rebuilds it, appending "=" when there is none: a
    // URI with a query parameter (no spaces, no raw quotes) comes through unchanged.
    url.connect_string = std::string(text);
    if (!parsed->has_query() || parsed->params().find("application_name") == parsed->params().end())
        url.connect_string += std::string(parsed->has_query() ? "&" : "?") + "application_name=pim-oauth";
    url.display = masked(*parsed);
    return url;
}

DatabaseUrl mysql_url(std::string_view text) {
    auto parsed = boost::urls::parse_uri(text);
    if (!parsed) throw std::invalid_argument("not a valid URL: " + parsed.error().message());
    const auto &u = *parsed;
    std::string db(u.path());
    if (!db.empty() && db.front() == '/') db.erase(0, 1);
    if (db.empty())
        throw std::invalid_argument("the MySQL URL names no database (mysql://user:pass@host/db)");
    // utf8mb4 like the tables: the client library's default differs between versions.
    std::string connect = "db=" + soci_value(db) + " charset=utf8mb4";
    if (u.has_userinfo()) connect += " user=" + soci_value(u.user());
    if (u.has_password()) connect += " password=" + soci_value(u.password());
    if (!u.host().empty()) connect += " host=" + soci_value(u.host());
    if (u.has_port()) connect += " port=" + std::string(u.port());
    for (const auto &param : u.params()) {
        if (param.key == "unix_socket" || param.key == "socket")
            connect += " unix_socket=" + soci_value(param.value);
        else
            throw std::invalid_argument("unknown MySQL URL parameter \"" + param.key +
                                        "\" (supported: unix_socket)");
    }
    DatabaseUrl url;
    url.backend = Backend::mysql;
    url.connect_string = connect;
    url.display = masked(u);
    return url;
}

}  // namespace

std::string_view to_string(Backend backend) {
    switch (backend) {
        case Backend::sqlite3: return "sqlite3";
        case Backend::postgresql: return "postgresql";
        case Backend::mysql: return "mysql";
    }
    return "";
}

DatabaseUrl parse_database_url(std::string_view url, const std::filesystem::path &project_dir) {
    if (starts_with(url, "sqlite3://")) return sqlite_url(url.substr(10), project_dir);
    if (starts_with(url, "sqlite://")) return sqlite_url(url.substr(9), project_dir);
    if (starts_with(url, "postgresql://") || starts_with(url, "postgres://")) return postgresql_url(url);
    if (starts_with(url, "mysql://") || starts_with(url, "mariadb://")) return mysql_url(url);
    const auto scheme_end = url.find("://");
    throw std::invalid_argument(
        "unsupported database URL scheme \"" +
        std::string(scheme_end == std::string_view::npos ? url.substr(0, 0) : url.substr(0, scheme_end)) +
        "\"; use sqlite3://, postgresql:// or mysql://");
}

}  // namespace pim
