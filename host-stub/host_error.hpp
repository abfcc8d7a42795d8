// An error the host reports to the operator and exits 1 on. The message is
// complete: what went wrong, where, and what to do.
#pragma once

#include <stdexcept>
#include <string>

namespace pim::host {

class HostError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A command-line error (Symfony wording), reported like the plugin's.
class CommandLineError : public HostError {
public:
    using HostError::HostError;
};

}  // namespace pim::host
