// peek_grant_type: the grant_type of a token request as decode_token_body
// reads it (escapes, percent-encoding, the last of several), used to decide
// where the request runs (ABI 1.4 request_may_block).
#include "http/token_request.hpp"

#include <boost/test/unit_test.hpp>

using pim::peek_grant_type;

BOOST_AUTO_TEST_SUITE(token_request)

BOOST_AUTO_TEST_CASE(peek_grant_type_reads_json_as_the_decoder_does) {
    const std::string json = "application/json";
    BOOST_TEST(*peek_grant_type(json, R"({"grant_type":"password","password":"x"})") == "password");
    BOOST_TEST(*peek_grant_type("application/json; charset=utf-8", R"({"grant_type":"refresh_token"})") ==
               "refresh_token");
    BOOST_TEST(*peek_grant_type(json, R"({"grant_type":"pass\u0077ord"})") == "password");  // escaped
    BOOST_TEST(*peek_grant_type(json, R"({"grant_type":"x","grant_type":"password"})") == "password");
    BOOST_TEST(!peek_grant_type(json, R"({"nested":{"grant_type":"password"}})"));
    BOOST_TEST(!peek_grant_type(json, R"({"grant_type":["password"]})"));
    BOOST_TEST(!peek_grant_type(json, R"({"grant_type":1})"));
    BOOST_TEST(!peek_grant_type(json, R"({"grant_type":"password")"));  // not JSON
    BOOST_TEST(!peek_grant_type(json, ""));
}

BOOST_AUTO_TEST_CASE(peek_grant_type_reads_forms_as_the_decoder_does) {
    const std::string form = "application/x-www-form-urlencoded";
    BOOST_TEST(*peek_grant_type(form, "grant_type=password&password=x") == "password");
    BOOST_TEST(*peek_grant_type(form, "grant%5Ftype=pass%77ord") == "password");  // percent-encoded
    BOOST_TEST(*peek_grant_type(form, "grant_type=client_credentials") == "client_credentials");
    BOOST_TEST(!peek_grant_type(form, "username=x&password=y"));
    BOOST_TEST(!peek_grant_type("text/plain", "grant_type=password"));
    BOOST_TEST(!peek_grant_type("", R"({"grant_type":"password"})"));
}

BOOST_AUTO_TEST_SUITE_END()
