// For tests about the SQLite file itself (its mode, its bytes, its path):
//   BOOST_AUTO_TEST_CASE(name, *boost::unit_test::precondition(sqlite_only))
// skips them, saying why, when the suite runs against a server backend.
#pragma once

#include "support/test_database.hpp"

#include <boost/test/unit_test.hpp>

namespace pim::test {

inline boost::test_tools::assertion_result sqlite_only(boost::unit_test::test_unit_id /*test*/) {
    boost::test_tools::assertion_result result(test_backend() == TestBackend::sqlite);
    result.message() << "it checks the SQLite file; this run uses " << backend_name(test_backend());
    return result;
}

}  // namespace pim::test
