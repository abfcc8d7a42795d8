// Standard base64 (RFC 4648 §4, padded), decoded with a lookup table.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace pim {

// Decodes `text` into `out`; false when it is not canonical padded base64
// (wrong length, a character outside the alphabet, misplaced padding or
// non-zero unused bits): the ASCII inputs libsodium's sodium_base642bin
// refuses with sodium_base64_VARIANT_ORIGINAL, and any byte outside ASCII
// (some of which libsodium's decoder takes for digits). Unlike libsodium's, its time
// depends on the input, so it is only for data that is not secret, such as
// ciphertext (KeyRing::decrypt), where list-clients spent a fifth of its
// instructions in the constant-time decoder.
bool decode_base64(std::string_view text, std::vector<unsigned char> &out);

// The same into `out`, which has room for base64_decoded_capacity(text)
// bytes (nullopt otherwise): the decoded length, or nullopt.
std::optional<std::size_t> decode_base64(std::string_view text, std::span<unsigned char> out);
constexpr std::size_t base64_decoded_capacity(std::string_view text) {
    return text.size() / 4 * 3;
}

}  // namespace pim
