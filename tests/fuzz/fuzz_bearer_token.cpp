// libFuzzer target: the token extraction of the bearer check
// (pim::bearer_token in plugin/http/authenticator.cpp, api-authentication.md §2).
//
// Input: the Authorization header value.
#include "domain/text.hpp"
#include "http/authenticator.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

void check(bool condition) {
    if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const std::string_view header(reinterpret_cast<const char *>(data), size);
    const std::string_view token = pim::bearer_token(header);
    if (token.empty()) return 0;
    // The token is a run of non-space characters inside the header, after
    // the case-insensitive scheme "Bearer" and at least one space.
    check(token.data() >= header.data() && token.data() + token.size() <= header.data() + header.size());
    check(token.find_first_of(" \t") == std::string_view::npos);
    check(header.size() > 6 && pim::iequals_ascii(header.substr(0, 6), "Bearer"));
    check(header[6] == ' ' || header[6] == '\t');
    return 0;
}
