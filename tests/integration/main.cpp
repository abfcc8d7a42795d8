#define BOOST_TEST_MODULE pim_integration_tests
#include <boost/test/unit_test.hpp>
