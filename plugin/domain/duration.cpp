#include "domain/duration.hpp"

#include <charconv>

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

}  // namespace pim
