// decode_base64 must accept and refuse exactly what libsodium's decoder
// (sodium_base64_VARIANT_ORIGINAL) does, and give the same bytes: KeyRing
// switched decoders for boxes stored by earlier versions.
#include "domain/base64.hpp"

#include <boost/test/unit_test.hpp>

#include <sodium.h>

#include <algorithm>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <vector>

namespace {

std::optional<std::vector<unsigned char>> sodium_decode(const std::string &text) {
    std::vector<unsigned char> out(text.size() + 1);
    std::size_t length = 0;
    if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0)
        return std::nullopt;
    out.resize(length);
    return out;
}

std::optional<std::vector<unsigned char>> our_decode(const std::string &text) {
    std::vector<unsigned char> out(pim::base64_decoded_capacity(text));
    const auto length = pim::decode_base64(text, std::span(out));
    if (!length) return std::nullopt;
    out.resize(*length);
    return out;
}

std::string sodium_encode(const std::vector<unsigned char> &bytes) {
    std::string text(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(), sodium_base64_VARIANT_ORIGINAL);
    text.pop_back();  // the terminating NUL
    return text;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(base64)

BOOST_AUTO_TEST_CASE(what_libsodium_encodes_decodes_to_the_same_bytes) {
    BOOST_TEST_REQUIRE(sodium_init() >= 0);
    std::mt19937 random(7);
    for (std::size_t size = 0; size < 100; ++size) {
        std::vector<unsigned char> bytes(size);
        for (auto &byte : bytes) byte = static_cast<unsigned char>(random());
        const auto decoded = our_decode(sodium_encode(bytes));
        BOOST_TEST_REQUIRE(decoded.has_value(), "size " << size);
        BOOST_TEST(*decoded == bytes, "size " << size);
    }
}

BOOST_AUTO_TEST_CASE(accepts_and_refuses_what_libsodium_does) {
    BOOST_TEST_REQUIRE(sodium_init() >= 0);
    for (const std::string text :
         {"", "QQ==", "QUI=", "QUJD", "QR==", "QUJ=", "QQ=", "QQ", "Q===", "====", "QQ==QQ==", "QU=D",
          "QUJD\n", " QUJD", "QUJ-", "QUJ_", "QUJD====", "Zm9v!mFy"}) {
        BOOST_TEST(our_decode(text).has_value() == sodium_decode(text).has_value(), '"' << text << '"');
        if (our_decode(text)) BOOST_TEST(*our_decode(text) == *sodium_decode(text), '"' << text << '"');
    }
    // Random strings over the alphabet, padding and a few strangers.
    const std::string characters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ \n";
    std::mt19937 random(11);
    int accepted = 0;
    for (int run = 0; run < 200000; ++run) {
        std::string text(random() % 29, ' ');  // up to 7 groups: the inner ones decode apart
        for (auto &c : text) c = characters[random() % (random() % 4 == 0 ? characters.size() : 64)];
        const auto ours = our_decode(text);
        const auto theirs = sodium_decode(text);
        BOOST_TEST_REQUIRE(ours.has_value() == theirs.has_value(), '"' << text << '"');
        if (ours) {
            BOOST_TEST_REQUIRE(*ours == *theirs, '"' << text << '"');
            ++accepted;
        }
    }
    BOOST_TEST(accepted > 1000);  // both halves were exercised
}

namespace {

// What basic_credentials accepts: libsodium's padded variant, then its
// unpadded one.
std::optional<std::vector<unsigned char>> sodium_decode_either(const std::string &text) {
    for (const int variant : {sodium_base64_VARIANT_ORIGINAL, sodium_base64_VARIANT_ORIGINAL_NO_PADDING}) {
        std::vector<unsigned char> out(text.size() + 1);
        std::size_t length = 0;
        if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length, nullptr,
                              variant) == 0) {
            out.resize(length);
            return out;
        }
    }
    return std::nullopt;
}

std::optional<std::vector<unsigned char>> our_secret_decode(const std::string &text) {
    std::vector<unsigned char> out(text.size() + 1);
    const auto length = pim::decode_base64_secret(text, std::span(out));
    if (!length) return std::nullopt;
    out.resize(*length);
    return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(secrets_decode_as_libsodium_padded_or_unpadded) {
    // libsodium takes some bytes outside ASCII for digits ("S\x80Dq"); we
    // refuse any such byte, which nothing base64-encodes.
    const auto ascii = [](const std::string &text) {
        return std::all_of(text.begin(), text.end(),
                           [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    };
    const auto check = [&](const std::string &text) {
        const auto ours = our_secret_decode(text);
        if (ascii(text))
            BOOST_TEST_REQUIRE((ours == sodium_decode_either(text)), '"' << text << '"');
        else
            BOOST_TEST_REQUIRE(!ours.has_value(), '"' << text << '"');
        return ours.has_value();
    };
    for (int c = 0; c < 256; ++c) {  // every byte as a digit, in a group and at its end
        const std::string byte(1, static_cast<char>(c));
        for (const std::string &text : {byte + "AAA", "AA" + byte + "=", "AAA" + byte, "QUJD" + byte + "A=="})
            check(text);
    }
    const std::string characters =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ \n\x80\xff:";
    std::mt19937 random(13);
    int accepted = 0;
    for (int run = 0; run < 300000; ++run) {
        std::string text(random() % 23, ' ');
        for (auto &c : text) c = characters[random() % (random() % 4 == 0 ? characters.size() : 64)];
        if (random() % 3 == 0 && !text.empty()) text.back() = '=';
        if (check(text)) ++accepted;
    }
    BOOST_TEST(accepted > 1000);          // both outcomes were exercised
    std::vector<unsigned char> small(2);  // "QUJD" needs 3 bytes
    BOOST_TEST(!pim::decode_base64_secret("QUJD", std::span(small)).has_value());
}

BOOST_AUTO_TEST_CASE(base64url_of_secrets_is_what_libsodium_writes) {
    BOOST_TEST_REQUIRE(sodium_init() >= 0);
    constexpr int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    const auto sodium_urlsafe = [](const std::vector<unsigned char> &bytes) {
        std::string text(sodium_base64_ENCODED_LEN(bytes.size(), variant), '\0');
        sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(), variant);
        return std::string(text.c_str());
    };
    for (unsigned value = 0; value < 256; ++value) {  // every digit, in every position of a group
        for (std::size_t at = 0; at < 3; ++at) {
            std::vector<unsigned char> bytes(3, 0);
            bytes[at] = static_cast<unsigned char>(value);
            BOOST_TEST_REQUIRE(pim::encode_base64url_secret(bytes) == sodium_urlsafe(bytes), value);
        }
    }
    std::mt19937 random(5);
    for (std::size_t size = 0; size < 200; ++size) {
        std::vector<unsigned char> bytes(size);
        for (auto &byte : bytes) byte = static_cast<unsigned char>(random());
        BOOST_TEST_REQUIRE(pim::encode_base64url_secret(bytes) == sodium_urlsafe(bytes), "size " << size);
    }
}

BOOST_AUTO_TEST_CASE(bytes_outside_ascii_are_refused) {
    // libsodium's constant-time decoder takes "S\x80Dq" for four base64
    // digits; nothing it encodes holds such a byte, so refusing is safe.
    BOOST_TEST(!our_decode(std::string("a0U4S\x80"
                                       "Dq",
                                       8))
                    .has_value());
    BOOST_TEST(!our_decode(std::string("QUJ\xff", 4)).has_value());
    BOOST_TEST(!our_decode(std::string("S\x80"
                                       "DqQUJD",
                                       8))
                    .has_value());  // in a group before the last
    BOOST_TEST(!our_decode(std::string("QUJDQ\xffJDQUJD", 12)).has_value());
}

BOOST_AUTO_TEST_CASE(decodes_into_a_buffer_only_with_room_for_every_group) {
    std::vector<unsigned char> buffer(6);
    BOOST_TEST(pim::decode_base64("QUJDQQ==", std::span(buffer)).value() == 4U);
    BOOST_TEST(std::string(buffer.begin(), buffer.begin() + 4) == "ABCA");
    buffer.resize(5);  // room for the decoded bytes, not for the padded group
    BOOST_TEST(!pim::decode_base64("QUJDQQ==", std::span(buffer)).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
