// Severity of a message for the host's log. The values are the ABI's
// PIM_LOG_* (checked where App hands messages to the host), so that code
// below the ABI edge needs no C header to log.
#pragma once

namespace pim {

enum class LogLevel : int { error = 0, warning = 1, info = 2, debug = 3 };

}  // namespace pim
