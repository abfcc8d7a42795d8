#include "domain/key_ring.hpp"

#include <boost/test/unit_test.hpp>

#include <sodium.h>

namespace {
const std::string key_a = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
const std::string key_b = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";
}  // namespace

BOOST_AUTO_TEST_SUITE(key_ring)

BOOST_AUTO_TEST_CASE(secrets_round_trip_and_never_appear_in_the_box) {
    BOOST_TEST_REQUIRE(sodium_init() >= 0);
    const pim::KeyRing keys(key_a);
    const std::string secret = "5dyvo1z6y34so4ogkgksw88ookoows00cgoc488kcs8wk4c40s";
    const std::string box = keys.encrypt(secret);
    BOOST_TEST(box.find(secret) == std::string::npos);
    BOOST_TEST(keys.decrypt(box) == secret);
    BOOST_TEST(keys.encrypt(secret) != box);  // a fresh nonce each time
}

BOOST_AUTO_TEST_CASE(a_secret_longer_than_the_stack_buffer_round_trips) {
    const pim::KeyRing keys(key_a);
    // From 216 bytes on, the box outgrows the 256 bytes decrypt() decodes into on the stack.
    for (const std::size_t size : {0U, 1U, 215U, 216U, 1000U}) {
        const std::string secret(size, 'x');
        BOOST_TEST(keys.decrypt(keys.encrypt(secret)) == secret, "size " << size);
    }
}

BOOST_AUTO_TEST_CASE(another_key_or_tampering_does_not_open_the_box) {
    const pim::KeyRing a(key_a);
    const pim::KeyRing b(key_b);
    const std::string box = a.encrypt("secret");
    BOOST_CHECK_THROW((void)b.decrypt(box), std::runtime_error);
    std::string tampered = box;
    tampered[30] = tampered[30] == 'A' ? 'B' : 'A';
    BOOST_CHECK_THROW((void)a.decrypt(tampered), std::runtime_error);
    BOOST_CHECK_THROW((void)a.decrypt("not base64!"), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(token_hash_is_keyed_hex_and_deterministic) {
    const pim::KeyRing a(key_a);
    const pim::KeyRing b(key_b);
    const std::string h = a.hash_token("token");
    BOOST_TEST(h.size() == 64U);
    BOOST_TEST(h.find_first_not_of("0123456789abcdef") == std::string::npos);
    BOOST_TEST(a.hash_token("token") == h);
    BOOST_TEST(a.hash_token("tokem") != h);
    BOOST_TEST(b.hash_token("token") != h);
}

BOOST_AUTO_TEST_CASE(key_must_be_64_hex_digits) {
    BOOST_CHECK_THROW(pim::KeyRing(""), std::invalid_argument);
    BOOST_CHECK_THROW(pim::KeyRing(key_a.substr(2)), std::invalid_argument);
    BOOST_CHECK_THROW(pim::KeyRing(key_a.substr(2) + "zz"), std::invalid_argument);
    BOOST_CHECK_NO_THROW(pim::KeyRing(std::string(64, 'A')));
}

BOOST_AUTO_TEST_SUITE_END()
