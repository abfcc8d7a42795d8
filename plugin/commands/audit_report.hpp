// The text form of an audit, shared by pim:connection:audit and
// pim:oauth-server:audit (JSON: audit_json).
#pragma once

#include "app/audit_service.hpp"
#include "console/console.hpp"

namespace pim {

void print_audit(Console &console, const Audit &audit);

}  // namespace pim
