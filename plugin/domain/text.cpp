#include "domain/text.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

namespace pim {
namespace {

// Decodes one code point at `i`; returns false on invalid UTF-8.
bool next_code_point(std::string_view s, std::size_t &i, char32_t &cp) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char lead = byte(i);
    std::size_t extra = 0;
    if (lead < 0x80) {
        cp = lead;
    } else if ((lead & 0xE0U) == 0xC0U && lead >= 0xC2) {
        cp = lead & 0x1FU;
        extra = 1;
    } else if ((lead & 0xF0U) == 0xE0U) {
        cp = lead & 0x0FU;
        extra = 2;
    } else if ((lead & 0xF8U) == 0xF0U && lead <= 0xF4) {
        cp = lead & 0x07U;
        extra = 3;
    } else {
        return false;
    }
    if (i + extra >= s.size() && extra > 0) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
        const unsigned char c = byte(i + k);
        if ((c & 0xC0U) != 0x80U) return false;
        cp = (cp << 6U) | (c & 0x3FU);
    }
    if ((extra == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
        return false;
    i += extra + 1;
    return true;
}

bool is_wide(char32_t cp) {
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
           (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
           (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

bool is_ascii_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == '\0';
}

}  // namespace

std::optional<std::size_t> utf8_length(std::string_view text) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size(); ++count) {
        char32_t cp = 0;
        if (!next_code_point(text, i, cp)) return std::nullopt;
    }
    return count;
}

namespace {

// Eight bytes at a time: list-clients measures three thousand cells per run.
bool is_ascii(std::string_view text) {
    constexpr std::uint64_t high_bits = 0x8080808080808080U;
    std::uint64_t seen = 0;
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, text.data() + i, sizeof word);
        seen |= word;
    }
    for (; i < text.size(); ++i) seen |= static_cast<unsigned char>(text[i]);
    return (seen & high_bits) == 0;
}

}  // namespace

std::size_t display_width(std::string_view utf8) {
    if (is_ascii(utf8)) return utf8.size();  // ids, secrets, most labels
    std::size_t width = 0;
    for (std::size_t i = 0; i < utf8.size();) {
        if (static_cast<unsigned char>(utf8[i]) < 0x80) {  // ASCII: ids, secrets, most labels
            ++i;
            ++width;
            continue;
        }
        char32_t cp = 0;
        if (!next_code_point(utf8, i, cp)) {
            ++i;  // count a stray byte as one column
            ++width;
            continue;
        }
        width += is_wide(cp) ? 2U : 1U;
    }
    return width;
}

bool has_control_character(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7F;
    });
}

bool is_blank(std::string_view text) {
    return trim(text).empty();
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_ascii_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_ascii_space(text.back())) text.remove_suffix(1);
    return text;
}

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (auto &c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

namespace {

char32_t lower_code_point(char32_t cp) {
    if ((cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)) return cp + 32;
    if ((cp >= 0x100 && cp <= 0x137 && cp != 0x130) || (cp >= 0x14A && cp <= 0x177))
        return (cp % 2 == 0) ? cp + 1 : cp;
    if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) return (cp % 2 == 1) ? cp + 1 : cp;
    if (cp == 0x178) return 0xFF;
    if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) return cp + 32;
    if (cp >= 0x410 && cp <= 0x42F) return cp + 32;
    if (cp >= 0x400 && cp <= 0x40F) return cp + 80;
    return cp;
}

void append_utf8(std::string &out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

}  // namespace

std::string fold_case(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size();) {
        char32_t cp = 0;
        const std::size_t start = i;
        if (!next_code_point(utf8, i, cp)) {  // invalid bytes pass through unchanged
            out += utf8[start];
            i = start + 1;
            continue;
        }
        append_utf8(out, lower_code_point(cp));
    }
    return out;
}

std::string ascii_upper(std::string_view text) {
    std::string out(text);
    for (auto &c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

bool iequals_ascii(std::string_view a, std::string_view b) {
    return a.size() == b.size() && ascii_lower(a) == ascii_lower(b);
}

}  // namespace pim

namespace pim {
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0U : 1U)});
            diagonal = above;
        }
    }
    return row[b.size()];
}
}  // namespace pim

namespace pim {
namespace {

void append_escaped_byte(std::string &out, unsigned char byte) {
    static constexpr char hex[] = "0123456789abcdef";
    out += "\\x";
    out += hex[byte >> 4U];
    out += hex[byte & 0x0FU];
}

// Length of the valid UTF-8 sequence at the start of `text`, 0 if invalid.
std::size_t utf8_sequence_length(std::string_view text) {
    const auto lead = static_cast<unsigned char>(text[0]);
    std::size_t length = 0;
    if (lead < 0x80U) return 1;
    if (lead >= 0xC2U && lead <= 0xDFU)
        length = 2;
    else if (lead >= 0xE0U && lead <= 0xEFU)
        length = 3;
    else if (lead >= 0xF0U && lead <= 0xF4U)
        length = 4;
    else
        return 0;
    if (text.size() < length) return 0;
    for (std::size_t i = 1; i < length; ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U) return 0;
    return utf8_length(text.substr(0, length)) ? length : 0;
}

}  // namespace

std::string log_field(std::string_view value, std::size_t max_bytes) {
    std::string out;
    out.reserve(std::min(value.size(), max_bytes) + 16);
    std::size_t at = 0;
    while (at < value.size() && out.size() < max_bytes) {
        const auto byte = static_cast<unsigned char>(value[at]);
        const std::size_t length = utf8_sequence_length(value.substr(at));
        const bool c1_control =
            length == 2 && byte == 0xC2U && static_cast<unsigned char>(value[at + 1]) < 0xA0U;
        if (length == 0 || byte < 0x20U || byte == 0x7FU || byte == '\\' || c1_control) {
            append_escaped_byte(out, byte);
            ++at;
            continue;
        }
        out.append(value.substr(at, length));
        at += length;
    }
    if (at < value.size()) out += "...(+" + std::to_string(value.size() - at) + " bytes)";
    return out;
}

}  // namespace pim
