#include "domain/client.hpp"
#include "domain/random.hpp"

#include <boost/test/unit_test.hpp>

#include <sodium.h>
#include <regex>
#include <set>

BOOST_AUTO_TEST_SUITE(random_ids)

BOOST_AUTO_TEST_CASE(base36_of_known_values) {
    const unsigned char zero[32] = {};
    BOOST_TEST(pim::to_base36(zero, 32, 50) == std::string(50, '0'));
    const unsigned char thirty_five[2] = {0, 35};
    BOOST_TEST(pim::to_base36(thirty_five, 2, 3) == "00z");
    const unsigned char big[2] = {0x01, 0x00};  // 256 = 7*36 + 4
    BOOST_TEST(pim::to_base36(big, 2, 0) == "74");
    unsigned char max[32];
    std::fill(std::begin(max), std::end(max), 0xFF);
    const std::string top = pim::to_base36(max, 32, 50);
    BOOST_TEST(top.size() == 50U);  // 2^256 - 1 needs exactly 50 digits: the first is at most '6'
    BOOST_TEST(top.front() <= '6');
}

BOOST_AUTO_TEST_CASE(ids_secrets_tokens_have_the_spec_formats_and_do_not_repeat) {
    BOOST_TEST_REQUIRE(sodium_init() >= 0);
    std::set<std::string> seen;
    for (int i = 0; i < 500; ++i) {
        const std::string id = pim::random_base36_id();
        BOOST_TEST(std::regex_match(id, std::regex("[0-6][0-9a-z]{49}")), id);
        const std::string token = pim::random_token();
        BOOST_TEST(std::regex_match(token, std::regex("[A-Za-z0-9_-]{86}")), token);
        BOOST_TEST(seen.insert(id).second);
        BOOST_TEST(seen.insert(token).second);
    }
    BOOST_TEST(std::regex_match(pim::random_alphanumeric(24), std::regex("[A-Za-z0-9]{24}")));
    BOOST_TEST(std::regex_match(pim::random_digits(4), std::regex("[0-9]{4}")));
}

BOOST_AUTO_TEST_CASE(public_client_id_lookup_rules) {
    const auto id = pim::parse_public_client_id("0012_AbC");
    BOOST_TEST_REQUIRE(id.has_value());
    BOOST_TEST(id->id == 12);
    BOOST_TEST(id->random_id == "abc");
    BOOST_TEST(pim::parse_public_client_id("12_a_b")->random_id == "a_b");  // split at the first '_'
    BOOST_TEST(!pim::parse_public_client_id("nounderscore").has_value());
    BOOST_TEST(!pim::parse_public_client_id("_abc").has_value());
    BOOST_TEST(!pim::parse_public_client_id("1a_abc").has_value());
    BOOST_TEST(!pim::parse_public_client_id("0_abc").has_value());
    BOOST_TEST(!pim::parse_public_client_id("-1_abc").has_value());
    BOOST_TEST(!pim::parse_public_client_id("99999999999999999999_abc").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
