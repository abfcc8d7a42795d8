#include "server/request_log.hpp"

#include <boost/json.hpp>

#include <charconv>
#include <cmath>

namespace pim::host {

bool is_logged_path(std::string_view path) {
    return path != "/healthz" && path != "/readyz";
}

std::string format_request_log(const RequestLogEntry &entry, ServerSettings::LogFormat format) {
    if (format == ServerSettings::LogFormat::json) {
        const auto optional = [](std::string_view text) -> boost::json::value {
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
    // time remote "method target" status 1.2ms[ client=…][ user=…], in one
    // allocation; the duration as printf's "%.1f" (std::to_chars is exact
    // in the same way).
    char numbers[64];
    char *end = std::to_chars(numbers, numbers + 16, entry.status).ptr;
    *end++ = ' ';
    end =
        std::to_chars(end, numbers + sizeof numbers - 2, entry.duration_ms, std::chars_format::fixed, 1).ptr;
    *end++ = 'm';
    *end++ = 's';
    const std::string_view tail(numbers, static_cast<std::size_t>(end - numbers));
    std::string line;
    line.reserve(entry.time.size() + entry.remote.size() + entry.method.size() + entry.target.size() +
                 tail.size() + entry.client.size() + entry.user.size() + 24);
    line.append(entry.time).append(" ").append(entry.remote).append(" \"");
    line.append(entry.method).append(" ").append(entry.target).append("\" ").append(tail);
    if (!entry.client.empty()) line.append(" client=").append(entry.client);
    if (!entry.user.empty()) line.append(" user=").append(entry.user);
    return line;
}

}  // namespace pim::host
