#include "domain/base64.hpp"

#include <array>
#include <cstdint>

namespace pim {
namespace {

constexpr std::uint8_t invalid = 0xff;

constexpr std::array<std::uint8_t, 256> decoding_table() {
    std::array<std::uint8_t, 256> table{};
    for (auto &entry : table) entry = invalid;
    constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (std::size_t i = 0; i < alphabet.size(); ++i)
        table[static_cast<unsigned char>(alphabet[i])] = static_cast<std::uint8_t>(i);
    return table;
}

constexpr auto table = decoding_table();

std::uint8_t value_of(char c) {
    return table[static_cast<unsigned char>(c)];
}

}  // namespace

bool decode_base64(std::string_view text, std::vector<unsigned char> &out) {
    out.clear();
    if (text.size() % 4 != 0) return false;
    // Padding only in the last group: "xx==" or "xxx=". Padding digits count
    // as zeros; then the unused bits of the group must be zero.
    const std::size_t final_padding = text.empty() || text.back() != '=' ? 0
                                      : text[text.size() - 2] == '='     ? 2
                                                                         : 1;
    out.resize(text.size() / 4 * 3);
    unsigned char *next = out.data();
    for (std::size_t at = 0; at < text.size(); at += 4) {
        const std::size_t padding = at + 4 == text.size() ? final_padding : 0;
        const std::uint32_t a = value_of(text[at]);
        const std::uint32_t b = value_of(text[at + 1]);
        const std::uint32_t c = padding == 2 ? 0 : value_of(text[at + 2]);
        const std::uint32_t d = padding != 0 ? 0 : value_of(text[at + 3]);
        if (((a | b | c | d) & 0xc0U) != 0) return false;  // `invalid` is the only value above 63
        const std::uint32_t bits = a << 18U | b << 12U | c << 6U | d;
        if ((bits & ((1U << (8U * padding)) - 1U)) != 0) return false;
        *next++ = static_cast<unsigned char>(bits >> 16U);
        *next++ = static_cast<unsigned char>(bits >> 8U);
        *next++ = static_cast<unsigned char>(bits);
    }
    out.resize(out.size() - final_padding);
    return true;
}

}  // namespace pim
