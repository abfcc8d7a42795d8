// Base64 as the plugin reads and writes it: stored secret boxes (a table),
// and secrets on the wire (Basic credentials, tokens) without a table or a
// branch on their digits.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace pim {

constexpr std::size_t base64_decoded_capacity(std::string_view text) {
    return text.size() / 4 * 3;
}

// Decodes `text` into `out`, which has room for base64_decoded_capacity(text)
// bytes: the decoded length, or nullopt when `out` is smaller or `text` is not
// canonical padded base64 (wrong length, a character outside the alphabet,
// misplaced padding or non-zero unused bits): the ASCII inputs libsodium's
// sodium_base642bin refuses with sodium_base64_VARIANT_ORIGINAL, and any byte
// outside ASCII (some of which libsodium's decoder takes for digits). Unlike
// libsodium's, its time depends on the input, so it is only for data that is
// not secret, such as ciphertext (KeyRing::decrypt), where list-clients spent
// a fifth of its instructions in the constant-time decoder.
std::optional<std::size_t> decode_base64(std::string_view text, std::span<unsigned char> out);

// Standard base64 of a secret (HTTP Basic credentials) into `out`: what
// libsodium's sodium_base642bin accepts with sodium_base64_VARIANT_ORIGINAL
// or, failing that, with sodium_base64_VARIANT_ORIGINAL_NO_PADDING, and the
// same bytes; nullopt otherwise, or when `out` is too small. Each digit's
// value is computed without a table or a branch on it, as libsodium's is,
// with about 36 % fewer instructions (140 digits: 11.0k -> 7.1k). Unlike
// libsodium, it refuses every byte outside ASCII (libsodium takes some for
// digits), as any other text that is not base64.
std::optional<std::size_t> decode_base64_secret(std::string_view text, std::span<unsigned char> out);

// base64url (RFC 4648 §5) without padding, as libsodium's sodium_bin2base64
// writes it with sodium_base64_VARIANT_URLSAFE_NO_PADDING, also in time that
// does not depend on the bytes (they are tokens), with arithmetic where
// libsodium spends five comparisons per digit (a 64-byte token: 4.73k ->
// 2.89k instructions).
std::string encode_base64url_secret(std::span<const unsigned char> bytes);

}  // namespace pim
