// The `serve` builtin: pim-host serve [--listen=HOST:PORT]
#pragma once

#include "console/builtins.hpp"

namespace pim::host {

int run_serve(const BuiltinContext &context, const std::vector<std::string> &args);

}  // namespace pim::host
