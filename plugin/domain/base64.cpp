#include "domain/base64.hpp"

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

namespace pim {
namespace {

constexpr std::uint8_t invalid = 0xff;

constexpr std::array<std::uint8_t, 256> decoding_table() {
    std::array<std::uint8_t, 256> values{};
    for (auto &entry : values) entry = invalid;
    constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (std::size_t i = 0; i < alphabet.size(); ++i)
        values[static_cast<unsigned char>(alphabet[i])] = static_cast<std::uint8_t>(i);
    return values;
}

constexpr auto table = decoding_table();

std::uint8_t value_of(char c) {
    return table[static_cast<unsigned char>(c)];
}

// For the groups before the last (no padding there): one table per position
// in the group, holding the digit's six bits already in place among the
// group's three bytes as a little-endian word, or `invalid_bit` for a
// non-digit. A group is then four loads and ORs (modp_b64's method).
constexpr std::uint32_t invalid_bit = 1U << 24U;

constexpr std::array<std::uint32_t, 256> placed_table(unsigned position) {
    std::array<std::uint32_t, 256> words{};
    for (std::size_t c = 0; c < words.size(); ++c) {
        if (table[c] == invalid) {
            words[c] = invalid_bit;
            continue;
        }
        const std::uint32_t bits = std::uint32_t{table[c]} << (18U - 6U * position);  // big-endian 24 bits
        words[c] = (bits >> 16U) | (bits & 0xff00U) | ((bits & 0xffU) << 16U);
    }
    return words;
}

constexpr std::array<std::array<std::uint32_t, 256>, 4> placed = {placed_table(0), placed_table(1),
                                                                  placed_table(2), placed_table(3)};

// Decodes the four digits at `text` into the three bytes at `out` and writes
// one byte more: the caller has room after them. False on a non-digit.
bool decode_inner_group(const char *text, unsigned char *out) {
    static_assert(std::endian::native == std::endian::little);
    const auto at = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const std::uint32_t word = placed[0][at(0)] | placed[1][at(1)] | placed[2][at(2)] | placed[3][at(3)];
    std::memcpy(out, &word, sizeof word);
    return (word & invalid_bit) == 0;
}

// The base64url digit of `value` (0 to 63) without a branch or a table:
// from 'A', each shift adds the distance to the next run of the alphabet
// once `value` is past it (an arithmetic shift of a negative int is -1).
char base64url_digit(std::uint32_t value) {
    const int v = static_cast<int>(value);
    int c = v + 'A';
    c += ((25 - v) >> 8) & ('a' - 26 - 'A');           // 26..51: a..z
    c -= ((51 - v) >> 8) & (('a' - 26) - ('0' - 52));  // 52..61: 0..9
    c -= ((61 - v) >> 8) & (('0' - 52) - ('-' - 62));  // 62: '-'
    c += ((62 - v) >> 8) & (('_' - 63) - ('-' - 62));  // 63: '_'
    return static_cast<char>(c);
}

// The value (0 to 63) of the base64 digit `c`, or -1 for any other byte,
// without a branch or a table: each range's mask is the sign of
// (low - 1 - c) & (c - high - 1), which is negative only inside the range.
int secret_digit_value(char character) {
    const int c = static_cast<unsigned char>(character);
    int value = -1;
    value += (((0x40 - c) & (c - 0x5b)) >> 8) & (c - 'A' + 1);       // A..Z: 0..25
    value += (((0x60 - c) & (c - 0x7b)) >> 8) & (c - 'a' + 26 + 1);  // a..z: 26..51
    value += (((0x2f - c) & (c - 0x3a)) >> 8) & (c - '0' + 52 + 1);  // 0..9: 52..61
    value += (((0x2a - c) & (c - 0x2c)) >> 8) & (62 + 1);            // '+'
    value += (((0x2e - c) & (c - 0x30)) >> 8) & (63 + 1);            // '/'
    return value;
}

}  // namespace

std::optional<std::size_t> decode_base64_secret(std::string_view text, std::span<unsigned char> out) {
    // As sodium_base642bin: digits up to the first other byte, then at most
    // four bits left over, all zero.
    std::size_t written = 0;
    std::size_t at = 0;
    for (; at + 4 <= text.size(); at += 4) {  // whole groups of four digits: three bytes each
        const int a = secret_digit_value(text[at]);
        const int b = secret_digit_value(text[at + 1]);
        const int c = secret_digit_value(text[at + 2]);
        const int d = secret_digit_value(text[at + 3]);
        if ((a | b | c | d) < 0) break;  // a byte that is no digit: the loop below stops at it
        if (out.size() - written < 3) return std::nullopt;
        const auto group = static_cast<std::uint32_t>(a << 18 | b << 12 | c << 6 | d);
        out[written++] = static_cast<unsigned char>(group >> 16U);
        out[written++] = static_cast<unsigned char>(group >> 8U);
        out[written++] = static_cast<unsigned char>(group);
    }
    std::uint32_t bits = 0;
    unsigned pending = 0;  // bits not yet written
    for (; at < text.size(); ++at) {
        const int value = secret_digit_value(text[at]);
        if (value < 0) break;
        bits = bits << 6U | static_cast<std::uint32_t>(value);
        pending += 6;
        if (pending >= 8) {
            pending -= 8;
            if (written == out.size()) return std::nullopt;
            out[written++] = static_cast<unsigned char>(bits >> pending);
        }
    }
    if (pending > 4 || (bits & ((1U << pending) - 1U)) != 0) return std::nullopt;
    // Then the end, or exactly the padding the last group calls for.
    const std::string_view rest = text.substr(at);
    if (!rest.empty() &&
        (rest.size() != pending / 2 || rest.find_first_not_of('=') != std::string_view::npos))
        return std::nullopt;
    return written;
}

std::string encode_base64url_secret(std::span<const unsigned char> bytes) {
    std::string text((bytes.size() * 4 + 2) / 3, '\0');
    char *next = text.data();
    const auto append = [&](std::uint32_t group, std::size_t digits) {
        for (std::size_t i = 0; i < digits; ++i) *next++ = base64url_digit((group >> (18U - 6U * i)) & 63U);
    };
    std::size_t at = 0;
    for (; at + 3 <= bytes.size(); at += 3)
        append(std::uint32_t{bytes[at]} << 16U | std::uint32_t{bytes[at + 1]} << 8U | bytes[at + 2], 4);
    if (bytes.size() - at == 1) append(std::uint32_t{bytes[at]} << 16U, 2);
    if (bytes.size() - at == 2)
        append(std::uint32_t{bytes[at]} << 16U | std::uint32_t{bytes[at + 1]} << 8U, 3);
    return text;
}

std::optional<std::size_t> decode_base64(std::string_view text, std::span<unsigned char> out) {
    if (text.size() % 4 != 0 || out.size() < base64_decoded_capacity(text)) return std::nullopt;
    // Padding only in the last group: "xx==" or "xxx=". Padding digits count
    // as zeros; then the unused bits of the group must be zero.
    const std::size_t final_padding = text.empty() || text.back() != '=' ? 0
                                      : text[text.size() - 2] == '='     ? 2
                                                                         : 1;
    unsigned char *next = out.data();
    std::size_t at = 0;
    for (; at + 4 < text.size(); at += 4, next += 3)
        if (!decode_inner_group(text.data() + at, next)) return std::nullopt;
    if (at < text.size()) {  // the last group: padding allowed
        const std::size_t padding = final_padding;
        const std::uint32_t a = value_of(text[at]);
        const std::uint32_t b = value_of(text[at + 1]);
        const std::uint32_t c = padding == 2 ? 0 : value_of(text[at + 2]);
        const std::uint32_t d = padding != 0 ? 0 : value_of(text[at + 3]);
        if (((a | b | c | d) & 0xc0U) != 0) return std::nullopt;  // `invalid` is the only value above 63
        const std::uint32_t bits = a << 18U | b << 12U | c << 6U | d;
        if ((bits & ((1U << (8U * padding)) - 1U)) != 0) return std::nullopt;
        *next++ = static_cast<unsigned char>(bits >> 16U);
        *next++ = static_cast<unsigned char>(bits >> 8U);
        *next++ = static_cast<unsigned char>(bits);
    }
    return base64_decoded_capacity(text) - final_padding;
}

}  // namespace pim
