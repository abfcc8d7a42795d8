#define BOOST_TEST_MODULE pim_unit_tests
#include <boost/test/unit_test.hpp>

#include <sodium.h>

#include <stdexcept>

struct InitialiseSodium {
    InitialiseSodium() {
        if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    }
};
BOOST_TEST_GLOBAL_FIXTURE(InitialiseSodium);
