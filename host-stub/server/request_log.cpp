#include "server/request_log.hpp"

#include <boost/json.hpp>

#include <cmath>
#include <cstdio>

namespace pim::host {

bool is_logged_path(const std::string &path) {
    return path != "/healthz" && path != "/readyz";
}

std::string format_request_log(const RequestLogEntry &entry, ServerSettings::LogFormat format) {
    if (format == ServerSettings::LogFormat::json) {
        const auto optional = [](const std::string &text) -> boost::json::value {
            if (text.empty()) return nullptr;
            return boost::json::string(text);
        };
        const boost::json::object line{
            {"time", entry.time},
            {"remote", entry.remote},
            {"method", entry.method},
            {"target", entry.target},
            {"status", entry.status},
            {"duration_ms", std::round(entry.duration_ms * 10.0) / 10.0},
            {"client", optional(entry.client)},
            {"user", optional(entry.user)},
        };
        return boost::json::serialize(line);
    }
    char duration[32];
    std::snprintf(duration, sizeof duration, "%.1fms", entry.duration_ms);
    std::string line = entry.time + " " + entry.remote + " \"" + entry.method + " " + entry.target + "\" " +
                       std::to_string(entry.status) + " " + duration;
    if (!entry.client.empty()) line += " client=" + entry.client;
    if (!entry.user.empty()) line += " user=" + entry.user;
    return line;
}

}  // namespace pim::host
