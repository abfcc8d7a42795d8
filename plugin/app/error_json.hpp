// {"error":{"status":…,"message":…,"violations":[…]}}: the error document of
// admin hooks and of commands run with --format=json.
#pragma once

#include "domain/errors.hpp"

#include <string>

namespace pim {

std::string error_json(int status, const std::string &message, const std::vector<Violation> &violations = {});
std::string error_json(const Error &error);

}  // namespace pim
