// Durations typed by administrators ("90d", "12h", "30m", "45s", "2w") and
// the hourly buckets of usage counters.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pim {

// Seconds of "<positive integer><unit>", unit one of s, m, h, d, w; nullopt
// for anything else (no unit, zero, sign, spaces, overflow past 100 years).
std::optional<std::int64_t> parse_duration(std::string_view text);
inline constexpr std::string_view duration_format_hint =
    "a positive number followed by s, m, h, d or w (e.g. 90d, 12h)";

// "2026-12-02T08:15:14Z"
std::string utc_timestamp(std::int64_t unix_seconds);

inline constexpr std::int64_t seconds_per_hour = 3600;
// The start of the hour holding `unix_seconds` (floor, also before 1970).
constexpr std::int64_t hour_start(std::int64_t unix_seconds) {
    const std::int64_t remainder = unix_seconds % seconds_per_hour;
    return unix_seconds - (remainder < 0 ? remainder + seconds_per_hour : remainder);
}

}  // namespace pim
