// Standard base64 (RFC 4648 §4, padded), decoded with a lookup table.
#pragma once

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

}  // namespace pim
