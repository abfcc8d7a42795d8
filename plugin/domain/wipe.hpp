// Overwriting secrets (passwords, client secrets, tokens) in memory before
// their buffers are given back, so that freed heap holds none of them.
#pragma once

#include <optional>
#include <string>

namespace pim {

// Overwrites the whole buffer of `text` (not only its size) and empties it.
void wipe(std::string &text) noexcept;
void wipe(std::optional<std::string> &text) noexcept;

}  // namespace pim
