#include "domain/duration.hpp"

#include <charconv>
#include <ctime>

namespace pim {

std::optional<std::int64_t> parse_duration(std::string_view text) {
    if (text.size() < 2) return std::nullopt;
    std::int64_t unit = 0;
    switch (text.back()) {
        case 's': unit = 1; break;
        case 'm': unit = 60; break;
        case 'h': unit = seconds_per_hour; break;
        case 'd': unit = 24 * seconds_per_hour; break;
        case 'w': unit = 7 * 24 * seconds_per_hour; break;
        default: return std::nullopt;
    }
    const std::string_view digits = text.substr(0, text.size() - 1);
    if (digits.front() < '0' || digits.front() > '9') return std::nullopt;  // no sign, no space
    std::int64_t count = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), count);
    constexpr std::int64_t hundred_years = 100LL * 366 * 24 * seconds_per_hour;
    if (error != std::errc{} || end != digits.data() + digits.size() || count <= 0 ||
        count > hundred_years / unit)
        return std::nullopt;
    return count * unit;
}

std::string utc_timestamp(std::int64_t unix_seconds) {
    const auto time = static_cast<std::time_t>(unix_seconds);
    std::tm parts{};
    gmtime_r(&time, &parts);
    char text[32];
    const std::size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return {text, length};
}

}  // namespace pim
