// Unicode-aware text helpers for validation and table layout.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace pim {

// Number of code points, or nullopt when `text` is not valid UTF-8.
std::optional<std::size_t> utf8_length(std::string_view text);

// Terminal columns: 2 for wide East-Asian characters, 1 otherwise.
std::size_t display_width(std::string_view utf8);

bool has_control_character(std::string_view text);  // U+0000-U+001F, U+007F
bool is_blank(std::string_view text);               // empty or whitespace only
std::string_view trim(std::string_view text);       // ASCII whitespace
std::string ascii_lower(std::string_view text);
// Lower case for ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic: the
// scripts of usernames seen in practice. Other characters are kept as is.
std::string fold_case(std::string_view utf8);
std::string ascii_upper(std::string_view text);
bool iequals_ascii(std::string_view a, std::string_view b);

}  // namespace pim

namespace pim {
// Edit distance, for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);
}  // namespace pim

namespace pim {
// A value for a log line: control characters (C0, DEL, C1) and bytes that
// are not UTF-8 written as \xNN, so that no value can start a line or send
// terminal escapes; cut to `max_bytes` with a note of what was left out.
std::string log_field(std::string_view value, std::size_t max_bytes = 128);
}  // namespace pim
