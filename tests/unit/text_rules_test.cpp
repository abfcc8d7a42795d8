#include "domain/client.hpp"
#include "domain/text.hpp"

#include <boost/test/unit_test.hpp>

BOOST_AUTO_TEST_SUITE(text_rules)

BOOST_AUTO_TEST_CASE(label_rules_in_the_spec_order) {
    using pim::label_violations;
    BOOST_TEST(label_violations("ERP connector", "label").empty());
    BOOST_TEST(label_violations("", "label").front().message == "This value should not be blank.");
    BOOST_TEST(label_violations(" \t ", "label").size() == 1U);  // blank wins over control characters
    BOOST_TEST(label_violations(std::string(255, 'x'), "label").empty());
    BOOST_TEST(label_violations(std::string(256, 'x'), "label").front().message ==
               "This value is too long. It should have 255 characters or less.");
    std::string accents;
    for (int i = 0; i < 255; ++i) accents += "\xC3\xA9";  // 255 code points, 510 bytes
    BOOST_TEST(label_violations(accents, "label").empty());
    BOOST_TEST(label_violations("a\x7F"
                                "b",
                                "label")
                   .front()
                   .message == "This value should not contain control characters.");
    const auto both = label_violations(std::string(300, 'x') + "\n", "label");
    BOOST_TEST(both.size() == 2U);
    BOOST_TEST(label_violations("\xC3", "label").front().message == "This value is not valid UTF-8.");
}

BOOST_AUTO_TEST_CASE(display_width_counts_wide_characters_twice) {
    BOOST_TEST(pim::display_width("abc") == 3U);
    BOOST_TEST(pim::display_width("caf\xC3\xA9") == 4U);
    BOOST_TEST(pim::display_width("\xE6\x97\xA5\xE6\x9C\xAC") == 4U);  // 日本
    // Past the first eight bytes, and in the bytes after the last full eight.
    BOOST_TEST(pim::display_width("abcdefghij\xE6\x97\xA5klmnop") == 18U);
    BOOST_TEST(pim::display_width("abcdefghijklmnop\xC3\xA9") == 17U);
    BOOST_TEST(pim::display_width("abcdefghijklmnopq") == 17U);
    BOOST_TEST(pim::utf8_length("\xE6\x97\xA5\xE6\x9C\xAC").value() == 2U);
    BOOST_TEST(!pim::utf8_length("\xED\xA0\x80").has_value());  // a UTF-16 surrogate
    BOOST_TEST(!pim::utf8_length("\xC0\xAF").has_value());      // overlong
}

BOOST_AUTO_TEST_CASE(grant_types_round_trip) {
    const std::vector<pim::GrantType> types{pim::GrantType::refresh_token, pim::GrantType::password};
    BOOST_TEST(pim::join_grant_types(types) == "refresh_token password");
    BOOST_TEST((pim::split_grant_types("refresh_token password") == types));
    BOOST_TEST(!pim::parse_grant_type("Password").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
