#include "domain/random.hpp"

#include "domain/base64.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <vector>

namespace pim {

std::string to_base36(const unsigned char *bytes, std::size_t size, std::size_t width) {
    static constexpr char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    std::vector<unsigned char> number(bytes, bytes + size);
    std::string out;
    // Long division by 36, most significant byte first, until the number is 0.
    while (std::any_of(number.begin(), number.end(), [](unsigned char b) { return b != 0; })) {
        unsigned remainder = 0;
        for (auto &byte : number) {
            const unsigned value = (remainder << 8U) | byte;
            byte = static_cast<unsigned char>(value / 36U);
            remainder = value % 36U;
        }
        out.push_back(digits[remainder]);
    }
    if (out.size() < width) out.append(width - out.size(), '0');
    std::reverse(out.begin(), out.end());
    return out;
}

std::string random_base36_id() {
    std::array<unsigned char, 32> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    std::string id = to_base36(bytes.data(), bytes.size(), 50);
    sodium_memzero(bytes.data(), bytes.size());
    return id;
}

std::string random_token() {
    std::array<unsigned char, 64> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    std::string token = encode_base64url_secret(bytes);
    sodium_memzero(bytes.data(), bytes.size());
    return token;
}

std::string random_alphanumeric(std::size_t length) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::string out(length, '\0');
    for (auto &c : out) c = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
    return out;
}

std::string random_digits(std::size_t length) {
    std::string out(length, '\0');
    for (auto &c : out) c = static_cast<char>('0' + randombytes_uniform(10));
    return out;
}

}  // namespace pim
