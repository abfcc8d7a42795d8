#include "domain/wipe.hpp"

#include <sodium.h>

namespace pim {

void wipe(std::string &text) noexcept {
    // assign() within the capacity reuses the buffer: every byte a short or
    // long string ever held is overwritten.
    if (text.capacity() > 0) sodium_memzero(text.data(), text.capacity());
    text.clear();
}

// cppcheck-suppress constParameter ; the string inside is overwritten
void wipe(std::optional<std::string> &text) noexcept {
    if (text) wipe(*text);
}

}  // namespace pim
