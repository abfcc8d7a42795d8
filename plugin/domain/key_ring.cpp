#include "domain/key_ring.hpp"

#include "domain/base64.hpp"

#include <sodium.h>

#include <array>
#include <span>
#include <stdexcept>
#include <vector>

namespace pim {
namespace {

constexpr char kdf_context[crypto_kdf_CONTEXTBYTES + 1] = "pimoauth";
constexpr std::uint64_t secretbox_subkey_id = 1;
constexpr std::uint64_t token_hash_subkey_id = 2;
constexpr std::size_t token_hash_bytes = 32;

unsigned char *locked_buffer(std::size_t size) {
    auto *buffer = static_cast<unsigned char *>(sodium_malloc(size));
    if (buffer == nullptr) throw std::bad_alloc();
    return buffer;
}

}  // namespace

KeyRing::KeyRing(std::string_view master_hex) {
    static_assert(crypto_kdf_KEYBYTES == 32 && crypto_secretbox_KEYBYTES == 32);
    // sodium_malloc needs an initialised library; sodium_init is idempotent.
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
    if (master_hex.size() != 64)
        throw std::invalid_argument("must be 64 hexadecimal digits (32 bytes), got " +
                                    std::to_string(master_hex.size()) + " characters");
    unsigned char *master = locked_buffer(crypto_kdf_KEYBYTES);
    std::size_t decoded = 0;
    const char *end = nullptr;
    const int rc = sodium_hex2bin(master, crypto_kdf_KEYBYTES, master_hex.data(), master_hex.size(), nullptr,
                                  &decoded, &end);
    if (rc != 0 || decoded != crypto_kdf_KEYBYTES || end != master_hex.data() + master_hex.size()) {
        sodium_free(master);
        throw std::invalid_argument("must be 64 hexadecimal digits (32 bytes)");
    }
    secretbox_key_ = locked_buffer(crypto_secretbox_KEYBYTES);
    token_hash_key_ = locked_buffer(crypto_generichash_KEYBYTES);
    crypto_kdf_derive_from_key(secretbox_key_, crypto_secretbox_KEYBYTES, secretbox_subkey_id, kdf_context,
                               master);
    crypto_kdf_derive_from_key(token_hash_key_, crypto_generichash_KEYBYTES, token_hash_subkey_id,
                               kdf_context, master);
    sodium_free(master);  // wipes before freeing
    sodium_mprotect_readonly(secretbox_key_);
    sodium_mprotect_readonly(token_hash_key_);
}

KeyRing::~KeyRing() {
    sodium_free(secretbox_key_);
    sodium_free(token_hash_key_);
}

std::string KeyRing::encrypt(std::string_view plain) const {
    std::vector<unsigned char> box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size());
    randombytes_buf(box.data(), crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(box.data() + crypto_secretbox_NONCEBYTES,
                          reinterpret_cast<const unsigned char *>(plain.data()), plain.size(), box.data(),
                          secretbox_key_);
    constexpr int variant = sodium_base64_VARIANT_ORIGINAL;
    std::string text(sodium_base64_ENCODED_LEN(box.size(), variant), '\0');
    sodium_bin2base64(text.data(), text.size(), box.data(), box.size(), variant);
    text.resize(text.size() - 1);  // drop the terminating NUL
    return text;
}

std::string KeyRing::decrypt(std::string_view boxed) const {
    // Stored secrets fit on the stack (list-clients opens a thousand boxes).
    std::array<unsigned char, 256> small{};
    const std::size_t capacity = base64_decoded_capacity(boxed);
    std::vector<unsigned char> large(capacity > small.size() ? capacity : 0);
    const std::span<unsigned char> box = large.empty() ? std::span(small) : std::span(large);
    const auto length = decode_base64(boxed, box);
    if (!length || *length < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
        throw std::runtime_error("a stored secret is not a valid encrypted value");
    std::string plain(*length - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char *>(plain.data()),
                                   box.data() + crypto_secretbox_NONCEBYTES,
                                   *length - crypto_secretbox_NONCEBYTES, box.data(), secretbox_key_) != 0)
        throw std::runtime_error(
            "a stored secret cannot be decrypted with the configured secret key "
            "(security.secret_key / PIM_SECRET_KEY differs from the key it was stored with)");
    return plain;
}

void KeyRing::hash_token(std::string_view token, TokenHash &out) const noexcept {
    unsigned char digest[token_hash_bytes];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char *>(token.data()),
                       token.size(), token_hash_key_, crypto_generichash_KEYBYTES);
    static constexpr char hex[] = "0123456789abcdef";
    for (std::size_t i = 0; i < token_hash_bytes; ++i) {
        out[2 * i] = hex[digest[i] >> 4U];
        out[2 * i + 1] = hex[digest[i] & 0x0FU];
    }
}

std::string KeyRing::hash_token(std::string_view token) const {
    TokenHash hash{};
    hash_token(token, hash);
    return {hash.data(), hash.size()};
}

}  // namespace pim
