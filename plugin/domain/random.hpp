// Every id, secret, token and generated password comes from libsodium's
// CSPRNG (randombytes_*), never from std::rand or the clock.
#pragma once

#include <cstdint>
#include <string>

namespace pim {

// 32 random bytes as a big-endian integer in base 36 ([0-9a-z]), left-padded
// with '0' to exactly 50 characters (36^50 > 2^256). Used for random ids and
// client secrets.
std::string random_base36_id();

// 64 random bytes, base64url without padding: 86 characters.
std::string random_token();

// `length` characters drawn uniformly (no modulo bias) from [A-Za-z0-9].
std::string random_alphanumeric(std::size_t length);

// `length` decimal digits drawn uniformly.
std::string random_digits(std::size_t length);

// Base36 of a big-endian byte string, padded to `width` (exposed for tests).
std::string to_base36(const unsigned char *bytes, std::size_t size, std::size_t width);

}  // namespace pim
